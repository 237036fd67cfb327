package io.abtest.stats.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.config.MetricSpec.MetricKind;
import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.router.ExperimentRouter;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.fixed.FixedHorizonTests;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A ramp by weights, through the real {@link ExperimentRouter}: the challenger gets 10% of the units, then 50%.
 * Raising its weight moves units that were on the champion to the challenger; analysed in the variant of their
 * first exposure (intention to treat), they put some treated requests into the champion's numbers and the
 * measured lift shrinks (dilution). Excluding the units served both variants (multiple exposure) removes the
 * dilution: the units left were served one variant only, and which units are left depends on the timing of their
 * requests, not on their outcomes.
 *
 * <p>Each unit arrives at a uniform time over the experiment and makes {@value #REQUESTS} requests at uniform times
 * within {@value #ACTIVE_DAYS} days of it; a request converts with probability {@code p * f}, times {@code 1 + L}
 * when the challenger serves it, with a unit factor {@code f} of {@code 1 - h} or {@code 1 + h}; the metric is the
 * unit converted (any request). The true lift of that metric between two clean arms follows in closed form.
 *
 * <p>Not simulated here: the same ramp done by coverage (units entering the experiment, none moving), which needs
 * the router's coverage (parallel work).
 */
class RampDilutionSimulationTest {

    private static final int UNITS = 400_000;
    private static final int REQUESTS = 4;
    private static final double DAYS = 14;
    private static final double ACTIVE_DAYS = 7;
    private static final double SWITCH_DAY = 7;
    private static final double P = 0.05;
    private static final double H = 0.5;
    private static final double LIFT = 0.2;

    private static final String YAML = """
            experiment_id: ramp-sim
            hash_salt: ramp-sim-1
            variants:
              - {name: champion, weight: 90, control: true}
              - {name: challenger, weight: 10}
            metrics:
              - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}
            minimum_detectable_effect: 0.05
            """;

    /** One arm's summaries: intention to treat over every unit, and the units served one variant only. */
    private record Arms(SufficientStatistics[] itt, SufficientStatistics[] clean, long excluded) {}

    private static Arms simulate(long seed) {
        ExperimentConfig config = ExperimentConfigLoader.parse(YAML, "ramp-sim.yaml");
        ExperimentRouter before = new ExperimentRouter(config);
        ExperimentRouter after = new ExperimentRouter(config);
        assertTrue(after.apply(new ControlRecord("ramp-sim", ControlState.RUNNING,
                Map.of("champion", 50.0, "challenger", 50.0), "ramp step", Instant.parse("2026-01-08T00:00:00Z"))));
        SplittableRandom random = new SplittableRandom(seed);
        SufficientStatistics[] itt = {SufficientStatistics.EMPTY, SufficientStatistics.EMPTY};
        SufficientStatistics[] clean = {SufficientStatistics.EMPTY, SufficientStatistics.EMPTY};
        long excluded = 0;
        double[] times = new double[REQUESTS];
        for (int u = 0; u < UNITS; u++) {
            String unitId = "unit-" + u;
            double factor = random.nextBoolean() ? 1 - H : 1 + H;
            double arrival = random.nextDouble() * (DAYS - ACTIVE_DAYS);
            for (int r = 0; r < REQUESTS; r++) {
                times[r] = arrival + random.nextDouble() * ACTIVE_DAYS;
            }
            Arrays.sort(times);
            int first = -1;
            boolean both = false;
            boolean converted = false;
            for (double time : times) {
                ExperimentRouter router = time < SWITCH_DAY ? before : after;
                int variant = "champion".equals(router.assign(unitId, null).variant()) ? 0 : 1;
                first = first < 0 ? variant : first;
                both |= variant != first;
                converted |= random.nextDouble() < P * factor * (variant == 1 ? 1 + LIFT : 1);
            }
            double y = converted ? 1 : 0;
            itt[first] = itt[first].add(y, 1, 0);
            if (both) {
                excluded++;
            } else {
                clean[first] = clean[first].add(y, 1, 0);
            }
        }
        return new Arms(itt, clean, excluded);
    }

    /** The relative lift of "converted at least once in REQUESTS requests" between a clean challenger and champion. */
    private static double trueLift() {
        double control = 0;
        double treatment = 0;
        for (double f : new double[] {1 - H, 1 + H}) {
            control += 0.5 * (1 - Math.pow(1 - P * f, REQUESTS));
            treatment += 0.5 * (1 - Math.pow(1 - P * f * (1 + LIFT), REQUESTS));
        }
        return treatment / control - 1;
    }

    private static FixedHorizonResult test(SufficientStatistics[] arms) {
        return FixedHorizonTests.test(MetricKind.PROPORTION, false, arms[0], arms[1], 0.05);
    }

    @Test
    void theRampMovesUnitsBetweenVariantsAndTheExclusionDropsExactlyThose() {
        Arms arms = simulate(20261129);
        assertTrue(arms.excluded() > 0.1 * UNITS, "the ramp moved units between variants: " + arms.excluded());
        assertEquals(UNITS, arms.itt()[0].n() + arms.itt()[1].n());
        assertEquals(UNITS - arms.excluded(), arms.clean()[0].n() + arms.clean()[1].n());
    }

    @Test
    void aRampByWeightsDilutesTheLiftUnderIntentionToTreatAndExcludingMultiExposedUnitsRemovesTheDilution() {
        double truth = trueLift();
        int seeds = 10;
        double ittSum = 0;
        double cleanSum = 0;
        double cleanVar = 0;
        for (int s = 0; s < seeds; s++) {
            Arms arms = simulate(1_000 + s);
            FixedHorizonResult clean = test(arms.clean());
            ittSum += test(arms.itt()).estimate().relative();
            cleanSum += clean.estimate().relative();
            cleanVar += Math.pow(clean.estimate().relativeStandardError(), 2);
        }
        double cleanMean = cleanSum / seeds;
        // the standard error of the mean of independent estimates
        double cleanSe = Math.sqrt(cleanVar) / seeds;
        String numbers = "true lift " + truth + ", mean clean " + cleanMean + " (se " + cleanSe + "), mean itt "
                + ittSum / seeds;
        System.out.println(numbers);
        // with the exclusion: unbiased (the mean of 10 runs within 4 standard errors of the true lift)
        assertEquals(truth, cleanMean, 4 * cleanSe, numbers);
        // without it: diluted, by about 1/6 of the lift here, many standard errors below the true lift
        assertTrue(ittSum / seeds < truth - 6 * cleanSe, numbers);
        assertTrue(ittSum / seeds < 0.9 * truth, numbers);
    }
}
