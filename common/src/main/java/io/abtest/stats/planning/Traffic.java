package io.abtest.stats.planning;

/**
 * The traffic an experiment draws on.
 *
 * @param dailyUnits new eligible randomization units per day (distinct users, not requests: a returning unit
 *     adds no sample), > 0
 * @param experimentShare share of those units that enter the experiment (targeting, lane capacity), in (0, 1]
 */
public record Traffic(double dailyUnits, double experimentShare) {

    public Traffic {
        Validation.positive("dailyUnits", dailyUnits);
        if (!(experimentShare > 0 && experimentShare <= 1)) {
            throw new IllegalArgumentException("experimentShare must be in (0, 1], was " + experimentShare);
        }
    }

    /** All eligible units enter the experiment. */
    public static Traffic of(double dailyUnits) {
        return new Traffic(dailyUnits, 1);
    }

    double experimentUnitsPerDay() {
        return dailyUnits * experimentShare;
    }
}
