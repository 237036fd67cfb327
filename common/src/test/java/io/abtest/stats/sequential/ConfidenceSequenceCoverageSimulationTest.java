package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.stats.Interval;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Simultaneous coverage: the fraction of runs in which the confidence sequence holds the true effect at every one
 * of the 200 looks (every 100 units per arm up to 20,000 per arm) is at least 0.95 - 3 Monte Carlo standard
 * errors, for the difference and for the lift (the lift's sequences are the delta-method asymptotic version).
 * Control converts at 0.10, treatment at 0.11: a true lift of 10%, the planned minimum detectable effect.
 */
class ConfidenceSequenceCoverageSimulationTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 4000;
    private static final double TRUE_DIFFERENCE = 0.11 - 0.10;
    private static final double TRUE_LIFT = 0.11 / 0.10 - 1;

    @Test
    void coversTheTrueEffectAtEveryLook() {
        MixtureSprt sprt = MixtureSprt.plannedFor(0.1, 0.1, ALPHA, 0.8);
        AsymptoticConfidenceSequence asymptotic = AsymptoticConfidenceSequence.plannedFor(28_256, ALPHA);
        PeekedExperiment experiment = new PeekedExperiment(100, 20_000,
                PeekedExperiment.bernoulli(0.10), PeekedExperiment.bernoulli(0.11));
        SplittableRandom random = new SplittableRandom(20240503L);
        int[] covered = new int[4];
        for (int run = 0; run < RUNS; run++) {
            boolean[] coveredAtEveryLook = {true, true, true, true};
            experiment.run(random.split(), (look, estimate) -> {
                SequentialResult s = sprt.test(estimate, ALPHA);
                SequentialResult a = asymptotic.test(estimate, ALPHA);
                coveredAtEveryLook[0] &= holds(s.absoluteInterval(), TRUE_DIFFERENCE);
                coveredAtEveryLook[1] &= holds(s.relativeInterval(), TRUE_LIFT);
                coveredAtEveryLook[2] &= holds(a.absoluteInterval(), TRUE_DIFFERENCE);
                coveredAtEveryLook[3] &= holds(a.relativeInterval(), TRUE_LIFT);
            });
            for (int i = 0; i < 4; i++) {
                covered[i] += coveredAtEveryLook[i] ? 1 : 0;
            }
        }
        double bound = 1 - ALPHA - 3 * Math.sqrt(ALPHA * (1 - ALPHA) / RUNS);
        String observed = String.format(
                "simultaneous coverage over 200 looks, %d runs: mSPRT difference %.4f, lift %.4f; "
                        + "AsympCS difference %.4f, lift %.4f (bound %.4f)",
                RUNS, (double) covered[0] / RUNS, (double) covered[1] / RUNS,
                (double) covered[2] / RUNS, (double) covered[3] / RUNS, bound);
        System.out.println(observed);
        for (int c : covered) {
            assertTrue((double) c / RUNS >= bound, observed);
        }
    }

    /** An interval missing at a look (no lift SE) counts as not covering, so a silent null fails the test. */
    private static boolean holds(Interval interval, double value) {
        return interval != null && interval.contains(value);
    }

}
