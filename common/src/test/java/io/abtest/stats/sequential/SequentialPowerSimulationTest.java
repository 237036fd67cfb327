package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Power sanity: with a true lift of one and of two planned minimum detectable effects (0.10 to 0.11 and to 0.12,
 * planned for a 10% lift at 14,128 units per arm), the always-valid tests monitored every 100 units per arm reject
 * "no difference" with the effect's sign by 20,000 units per arm in most runs. The lower bounds are sanity floors,
 * not a claim about the exact power; the observed rates and the mean units per arm at the first rejection are
 * printed.
 */
class SequentialPowerSimulationTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 1000;

    @ParameterizedTest(name = "treatment converts at {0}")
    @CsvSource({"0.11, 0.60, 20240505", "0.12, 0.95, 20240504"})
    void rejectsMostRunsAtOneOrTwoMinimumDetectableEffects(double treatmentRate, double floor, long seed) {
        MixtureSprt sprt = MixtureSprt.plannedFor(0.1, 0.1, ALPHA, 0.8);
        AsymptoticConfidenceSequence asymptotic = AsymptoticConfidenceSequence.plannedFor(28_256, ALPHA);
        PeekedExperiment experiment = new PeekedExperiment(100, 20_000,
                PeekedExperiment.bernoulli(0.10), PeekedExperiment.bernoulli(treatmentRate));
        SplittableRandom random = new SplittableRandom(seed);
        int[] rejected = new int[2];
        long[] unitsAtRejection = new long[2];
        for (int run = 0; run < RUNS; run++) {
            int[] firstLook = {-1, -1};
            experiment.run(random.split(), (look, estimate) -> {
                SequentialResult[] results = {sprt.test(estimate, ALPHA), asymptotic.test(estimate, ALPHA)};
                for (int m = 0; m < 2; m++) {
                    if (firstLook[m] < 0 && results[m].pValue() <= ALPHA && results[m].absoluteInterval().low() > 0) {
                        firstLook[m] = look;
                    }
                }
            });
            for (int m = 0; m < 2; m++) {
                if (firstLook[m] >= 0) {
                    rejected[m]++;
                    unitsAtRejection[m] += 100L * (firstLook[m] + 1);
                }
            }
        }
        String observed = String.format(
                "power at treatment rate %.2f, %d runs: mSPRT %.4f (mean %d units/arm at rejection), "
                        + "AsympCS %.4f (mean %d units/arm)",
                treatmentRate, RUNS, (double) rejected[0] / RUNS, unitsAtRejection[0] / Math.max(1, rejected[0]),
                (double) rejected[1] / RUNS, unitsAtRejection[1] / Math.max(1, rejected[1]));
        System.out.println(observed);
        assertTrue((double) rejected[0] / RUNS >= floor, observed);
        assertTrue((double) rejected[1] / RUNS >= floor, observed);
    }
}
