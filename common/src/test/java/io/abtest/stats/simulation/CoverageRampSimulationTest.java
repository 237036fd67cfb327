package io.abtest.stats.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.config.MetricSpec.MetricKind;
import io.abtest.router.Assignment;
import io.abtest.router.ExperimentRouter;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.fixed.FixedHorizonTests;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A ramp by coverage through the real {@link ExperimentRouter}: 1% of the eligible units on days 0-2, 10% on days
 * 2-4, 50% on days 4-6, then 100%, with a fixed 50/50 split inside. A unit enters the experiment when the coverage
 * reaches it and never changes variant, so no unit is served two variants and the comparison is not diluted: the
 * estimated lift is unbiased, its 95% interval covers the true lift at its level, and an A/A ramp rejects at alpha.
 *
 * <p>Each unit arrives at a uniform time in the first {@value #ACTIVE_DAYS} days and makes {@value #REQUESTS}
 * requests at uniform times within {@value #ACTIVE_DAYS} days of it; a request made while the unit is in the
 * experiment converts with probability {@code p f}, times {@code 1 + L} when the challenger serves it, with a unit
 * factor {@code f} of {@code 1 - h} or {@code 1 + h}. The metric is the unit's conversions while in the experiment
 * (a mean metric): its expectation is {@code 1 + L} times the control's whatever the number of requests a unit
 * made in the experiment, so the true relative lift is {@code L} exactly.
 */
class CoverageRampSimulationTest {

    private static final int RUNS = 2_000;
    private static final int UNITS = 5_000;
    private static final int REQUESTS = 4;
    private static final double ACTIVE_DAYS = 7;
    private static final double[] STEP_STARTS = {0, 2, 4, 6};
    private static final double[] COVERAGES = {0.01, 0.1, 0.5, 1.0};
    private static final double P = 0.1;
    private static final double H = 0.5;
    private static final double ALPHA = 0.05;

    private static ExperimentRouter router(double coverage) {
        ExperimentConfig config = ExperimentConfigLoader.parse(String.join("\n",
                "experiment_id: coverage-sim",
                "hash_salt: coverage-sim-1",
                "variants:",
                "  - {name: champion, weight: 50, control: true}",
                "  - {name: challenger, weight: 50}",
                "metrics:",
                "  - {name: conversions, kind: mean, source: values.converted, direction: higher_is_better, primary: true}",
                "minimum_detectable_effect: 0.05",
                "coverage: " + coverage,
                ""), "coverage-sim.yaml");
        return new ExperimentRouter(config);
    }

    private static final ExperimentRouter[] ROUTERS = Arrays.stream(COVERAGES)
            .mapToObj(CoverageRampSimulationTest::router).toArray(ExperimentRouter[]::new);

    private record Run(FixedHorizonResult result, long servedBoth) {}

    private static Run simulate(long seed, double lift) {
        SplittableRandom random = new SplittableRandom(seed);
        SufficientStatistics[] arms = {SufficientStatistics.EMPTY, SufficientStatistics.EMPTY};
        long servedBoth = 0;
        double[] times = new double[REQUESTS];
        for (int u = 0; u < UNITS; u++) {
            String unitId = seed + "-unit-" + u;
            double factor = random.nextBoolean() ? 1 - H : 1 + H;
            double arrival = random.nextDouble() * ACTIVE_DAYS;
            for (int r = 0; r < REQUESTS; r++) {
                times[r] = arrival + random.nextDouble() * ACTIVE_DAYS;
            }
            int variant = -1;
            double conversions = 0;
            for (double time : times) {
                Assignment assignment = ROUTERS[step(time)].assign(unitId, null);
                if (assignment.reason() == Assignment.Reason.NOT_IN_EXPERIMENT) {
                    continue;
                }
                int served = "champion".equals(assignment.variant()) ? 0 : 1;
                servedBoth += variant >= 0 && served != variant ? 1 : 0;
                variant = served;
                conversions += random.nextDouble() < P * factor * (served == 1 ? 1 + lift : 1) ? 1 : 0;
            }
            if (variant >= 0) {
                arms[variant] = arms[variant].add(conversions, 1, 0);
            }
        }
        return new Run(FixedHorizonTests.test(MetricKind.MEAN, false, arms[0], arms[1], ALPHA), servedBoth);
    }

    private static int step(double time) {
        int step = 0;
        while (step + 1 < STEP_STARTS.length && time >= STEP_STARTS[step + 1]) {
            step++;
        }
        return step;
    }

    @Test
    void aRampByCoverageMovesNoUnitAndEstimatesTheTrueLiftAtTheIntervalsLevel() {
        double lift = 0.1;
        double sum = 0;
        double squares = 0;
        int covered = 0;
        for (int run = 0; run < RUNS; run++) {
            Run r = simulate(10_000 + run, lift);
            assertEquals(0, r.servedBoth(), "a unit changed variant under a ramp by coverage");
            double estimate = r.result().estimate().relative();
            sum += estimate;
            squares += estimate * estimate;
            covered += r.result().relativeInterval().contains(lift) ? 1 : 0;
        }
        double mean = sum / RUNS;
        double standardError = Math.sqrt((squares / RUNS - mean * mean) / RUNS);
        double coverage = (double) covered / RUNS;
        String numbers = String.format("true lift %.3f: mean estimate %.5f (Monte Carlo se %.5f), 95%% interval covers"
                + " it in %.4f of %d runs", lift, mean, standardError, coverage, RUNS);
        System.out.println(numbers);
        assertEquals(lift, mean, 3 * standardError, numbers);
        assertTrue(coverage >= 0.94 && coverage <= 0.96, numbers);
    }

    @Test
    void anAaRampByCoverageRejectsAtAlpha() {
        int rejected = 0;
        for (int run = 0; run < RUNS; run++) {
            rejected += simulate(50_000 + run, 0).result().pValue() < ALPHA ? 1 : 0;
        }
        double rate = (double) rejected / RUNS;
        System.out.println("A/A ramp by coverage: false-positive rate " + rate + " of " + RUNS + " runs at " + ALPHA);
        assertTrue(rate >= 0.04 && rate <= 0.06, "false-positive rate " + rate);
    }
}
