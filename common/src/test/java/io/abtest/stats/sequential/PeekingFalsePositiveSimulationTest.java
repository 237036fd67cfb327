package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.stats.Estimate;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * A/A experiments looked at after every 100 units per arm up to 20,000 per arm (200 looks): the always-valid tests
 * reject "no difference" at some look in at most alpha of the runs (plus 3 Monte Carlo standard errors,
 * sqrt(alpha (1 - alpha) / runs)), while the fixed-horizon z test under the same peeking rejects far more often.
 * Fixed seeds: the observed rates are exact reruns, quoted in the assertions' messages.
 */
class PeekingFalsePositiveSimulationTest {

    private static final double ALPHA = 0.05;
    private static final int RUNS = 4000;
    private static final double Z_CRITICAL = 1.959963984540054;

    @Test
    void bernoulliConversionAtTenPercent() {
        // Planned for a 10% lift on 0.1: (1.96 + 0.84)^2 * 2 * 0.09 / 0.01^2 = 14,128 units per arm.
        Rates rates = simulate(PeekedExperiment.bernoulli(0.1), MixtureSprt.plannedFor(0.1, 0.1, ALPHA, 0.8),
                AsymptoticConfidenceSequence.plannedFor(28_256, ALPHA), 20240501L);
        assertRates("Bernoulli(0.1)", rates);
    }

    @Test
    void skewedLogNormalRevenue() {
        // exp(N(0,1)): mean 1.6487, variance 4.6708; a 10% lift planned at (1.96 + 0.84)^2 * 2 * 4.6708 / 0.16487^2
        // = 2,697 units per arm.
        Rates rates = simulate(PeekedExperiment.logNormal(1), MixtureSprt.plannedFor(0.1, Math.exp(0.5), ALPHA, 0.8),
                AsymptoticConfidenceSequence.plannedFor(5_394, ALPHA), 20240502L);
        assertRates("log-normal exp(N(0,1))", rates);
    }

    private static void assertRates(String metric, Rates rates) {
        double bound = ALPHA + 3 * Math.sqrt(ALPHA * (1 - ALPHA) / RUNS);
        String observed = rates.toString();
        System.out.println("A/A " + metric + ", 200 looks, " + RUNS + " runs: " + observed + ", bound " + bound);
        assertTrue(rates.mixtureSprt <= bound, observed);
        assertTrue(rates.asymptotic <= bound, observed);
        assertTrue(rates.naive > 0.15, observed);
    }

    private static Rates simulate(ToDoubleFunction<SplittableRandom> unit, MixtureSprt sprt,
            AsymptoticConfidenceSequence asymptotic, long seed) {
        PeekedExperiment experiment = new PeekedExperiment(100, 20_000, unit, unit);
        SplittableRandom random = new SplittableRandom(seed);
        int sprtRejections = 0;
        int asymptoticRejections = 0;
        int naiveRejections = 0;
        for (int run = 0; run < RUNS; run++) {
            Monitor monitor = new Monitor(sprt, asymptotic);
            experiment.run(random.split(), monitor);
            sprtRejections += monitor.sprt.value() <= ALPHA ? 1 : 0;
            asymptoticRejections += monitor.asymptotic.value() <= ALPHA ? 1 : 0;
            naiveRejections += monitor.naive ? 1 : 0;
        }
        return new Rates((double) sprtRejections / RUNS, (double) asymptoticRejections / RUNS,
                (double) naiveRejections / RUNS);
    }

    private static final class Monitor implements PeekedExperiment.Look {
        private final MixtureSprt sprtTest;
        private final AsymptoticConfidenceSequence asymptoticTest;
        AlwaysValidPValue sprt = AlwaysValidPValue.NONE_YET;
        AlwaysValidPValue asymptotic = AlwaysValidPValue.NONE_YET;
        boolean naive;

        Monitor(MixtureSprt sprtTest, AsymptoticConfidenceSequence asymptoticTest) {
            this.sprtTest = sprtTest;
            this.asymptoticTest = asymptoticTest;
        }

        @Override
        public void at(int look, Estimate estimate) {
            sprt = sprt.observe(sprtTest.test(estimate, ALPHA));
            asymptotic = asymptotic.observe(asymptoticTest.test(estimate, ALPHA));
            if (estimate.differenceStandardError() > 0) {
                naive |= Math.abs(estimate.difference() / estimate.differenceStandardError()) > Z_CRITICAL;
            }
        }
    }

    private record Rates(double mixtureSprt, double asymptotic, double naive) {}
}
