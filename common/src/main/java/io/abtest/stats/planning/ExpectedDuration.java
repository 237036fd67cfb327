package io.abtest.stats.planning;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many days an experiment runs: variant i receives {@code dailyUnits x experimentShare x w_i / sum w} new
 * units a day, so it reaches its planned n_i after {@code n_i sum w / (dailyUnits x experimentShare x w_i)} days;
 * the sample needs the largest of these, rounded up to whole days, and the experiment runs at least the
 * configured minimum duration (rounded up to whole days):
 * <pre>
 *   sampleDays = ceil(max_i n_i sum_j w_j / (dailyUnits share w_i))        (1)
 *   days = max(sampleDays, ceil(minimumDuration / 1 day))                   (2)
 * </pre>
 * In (1) a relative 1e-12 is taken off before rounding up, so that inputs without an exact binary form (a share
 * of 0.1) cannot add a day when the division is exact on paper.
 * The weights are taken as constant from the first day; a ramp-up that starts a challenger on a smaller share
 * lengthens the experiment and is not modelled here.
 *
 * @param days planned duration in whole days
 * @param sampleDays days the sample alone needs
 * @param minimumDays the minimum duration in whole days
 * @param decidedBy which of the two set {@code days}; SAMPLE_SIZE when they are equal
 * @param expectedUnits units each variant is expected to have after {@code days} (at least its planned n;
 *     more when the minimum duration decides)
 */
public record ExpectedDuration(
        long days, long sampleDays, long minimumDays, DurationDriver decidedBy, Map<String, Long> expectedUnits) {

    private static final double INPUT_ROUNDING = 1e-12;

    public ExpectedDuration {
        expectedUnits = Collections.unmodifiableMap(new LinkedHashMap<>(expectedUnits));
    }

    /**
     * @param plannedUnits units each variant needs, by variant name
     * @param weights each variant's relative share of the experiment's traffic (need not sum to 1); every variant
     *     of {@code plannedUnits} needs a positive weight
     * @param traffic daily units and the experiment's share of them
     * @param minimumDuration the configured minimum duration, >= 0
     */
    public static ExpectedDuration of(Map<String, Long> plannedUnits, Map<String, Double> weights, Traffic traffic,
            Duration minimumDuration) {
        Validation.given("traffic", traffic);
        if (Validation.given("minimumDuration", minimumDuration).isNegative()) {
            throw new IllegalArgumentException("minimumDuration must not be negative, was " + minimumDuration);
        }
        double weightSum = 0;
        for (double w : Validation.given("weights", weights).values()) {
            if (!(w >= 0 && w < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, were " + weights);
            }
            weightSum += w;
        }
        double neededDays = 0;
        for (Map.Entry<String, Long> planned : Validation.given("plannedUnits", plannedUnits).entrySet()) {
            Double weight = weights.get(planned.getKey());
            if (weight == null || !(weight > 0)) {
                throw new IllegalArgumentException(
                        "weights must give variant '" + planned.getKey() + "' a positive weight, were " + weights);
            }
            if (planned.getValue() < 0) {
                throw new IllegalArgumentException("plannedUnits must not be negative, were " + plannedUnits);
            }
            neededDays = Math.max(neededDays,
                    planned.getValue() * weightSum / (traffic.experimentUnitsPerDay() * weight)); // (1)
        }
        long sampleDays = (long) Math.ceil(neededDays * (1 - INPUT_ROUNDING));
        long minimumDays = minimumDuration.toDays() + (minimumDuration.minusDays(minimumDuration.toDays())
                .isZero() ? 0 : 1);
        long days = Math.max(sampleDays, minimumDays); // (2)
        Map<String, Long> expected = new LinkedHashMap<>();
        for (String variant : plannedUnits.keySet()) {
            long arriving = (long) Math.floor(traffic.experimentUnitsPerDay() * days * weights.get(variant) / weightSum);
            expected.put(variant, Math.max(plannedUnits.get(variant), arriving));
        }
        return new ExpectedDuration(days, sampleDays, minimumDays,
                sampleDays >= minimumDays ? DurationDriver.SAMPLE_SIZE : DurationDriver.MINIMUM_DURATION, expected);
    }
}
