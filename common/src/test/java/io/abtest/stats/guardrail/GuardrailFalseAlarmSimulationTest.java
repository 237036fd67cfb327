package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.absolute;
import static io.abtest.stats.guardrail.Guardrails.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.stats.guardrail.LatencyGuardrail.Percentile;
import io.abtest.stats.guardrail.RateGuardrail.Counts;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.DiscreteDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * A/A false alarms of the rate and relative-p99 rules: both arms draw from one distribution in every window, so
 * every breach is a false alarm. Per window: the share of judged windows that breach. Per incident: runs of at
 * least {@code consecutive_breaches} (1 or 3) breaching windows in a row, counted once per run, per window (with
 * {@code recovery_windows} above 1 some runs merge into one incident, so these are upper bounds on pages).
 * Windows are independent, so a window breaches with the exact probability q pinned from
 * {@code src/test/resources/stats/guardrail/make_references.py}, and runs of at least k start at the rate
 * (1 - q) q^k per window. Bands: 5 Monte Carlo standard errors around those values (binomial for the share,
 * Poisson for the runs). Fixed seeds; about 2 s.
 *
 * <p>The nearest-rank p99 of n log-normal latencies is drawn as one order statistic:
 * log p99 = mu + sigma Phi^-1(U), U ~ Beta(k, n - k + 1), k = ceil(0.99 n) (the k-th of n uniforms; H. A. David,
 * H. N. Nagaraja, Order Statistics, 3rd ed., Wiley 2003, section 2.2), the same in distribution as sorting n draws
 * (the reference script checks it by brute force) and 1,000 times faster. The job's HdrHistogram reports it to 3
 * significant digits, far inside the thresholds simulated.
 */
class GuardrailFalseAlarmSimulationTest {

    private static final double ALPHA = 0.05;
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /** Breaches and runs of breaches over a sequence of judged windows. */
    private static final class Tally {
        final String scenario;
        long windows;
        long breaches;
        long runsOfOne;
        long runsOfThree;
        private int run;

        Tally(String scenario) {
            this.scenario = scenario;
        }

        void judged(boolean breach) {
            windows++;
            if (!breach) {
                run = 0;
                return;
            }
            breaches++;
            run++;
            if (run == 1) {
                runsOfOne++;
            }
            if (run == 3) {
                runsOfThree++;
            }
        }

        static Tally run(String scenario, int windows, BooleanSupplier window) {
            Tally tally = new Tally(scenario);
            for (int i = 0; i < windows; i++) {
                tally.judged(window.getAsBoolean());
            }
            System.out.println(tally);
            return tally;
        }

        /** Asserts the breach share and the run rates against window probability q. */
        void assertMatches(double q) {
            double share = (double) breaches / windows;
            double shareError = Math.sqrt(q * (1 - q) / windows);
            assertEquals(q, share, 5 * shareError + 1e-12, this + ": breach share against exact q = " + q);
            assertRuns(runsOfOne, (1 - q) * q, "runs of 1");
            assertRuns(runsOfThree, (1 - q) * q * q * q, "runs of 3");
        }

        private void assertRuns(long runs, double perWindow, String what) {
            double expected = perWindow * windows;
            assertTrue(Math.abs(runs - expected) <= 5 * Math.sqrt(expected) + 1,
                    this + ": " + what + " " + runs + ", expected " + expected);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: %d windows, breach share %.5f, runs of >= 1: %.3g per window,"
                    + " runs of >= 3: %.3g per window (%d)", scenario, windows, (double) breaches / windows,
                    (double) runsOfOne / windows, (double) runsOfThree / windows, runsOfThree);
        }
    }

    private static UniformRandomProvider random(long seed) {
        return new SplittableRandom(seed)::nextLong;
    }

    @Test
    void errorRateAboveAnEqualControlRelativeZero() {
        DiscreteDistribution.Sampler errors = BinomialDistribution.of(1000, 0.01).createSampler(random(101));
        GuardrailSpec aboveControl = relative("error_rate", 0, Comparison.GREATER_THAN);
        Tally tally = Tally.run("error_rate relative 0, 1% in both arms, 1,000 requests per arm", 500_000,
                () -> RateGuardrail.judge(aboveControl, ALPHA, new Counts(errors.sample(), 1000),
                        new Counts(errors.sample(), 1000)).breached());
        // scipy 1.17.1 / statsmodels 0.15.0, make_references.py: "A/A newcomb, n=1000 per arm, p=0.01, alpha=0.05"
        tally.assertMatches(0.0478952053197461);
    }

    @Test
    void errorRateAgainstAnAbsoluteThresholdAboveTheTrueRate() {
        DiscreteDistribution.Sampler errors = BinomialDistribution.of(1000, 0.01).createSampler(random(102));
        GuardrailSpec onePointFive = absolute("error_rate", 0.015, Comparison.GREATER_THAN);
        Tally tally = Tally.run("error_rate absolute 1.5%, true 1%, 1,000 requests", 1_000_000,
                () -> RateGuardrail.judge(onePointFive, ALPHA, new Counts(errors.sample(), 1000), null).breached());
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 1000, 0.01)[wilson lower > 0.015]), alpha=0.05
        tally.assertMatches(6.518251382730433e-4);
        assertEquals(0, tally.runsOfThree, "q^3 = 2.8e-10 per window");
    }

    @Test
    void errorRateAtExactlyTheAbsoluteThreshold() {
        DiscreteDistribution.Sampler errors = BinomialDistribution.of(1000, 0.015).createSampler(random(103));
        GuardrailSpec onePointFive = absolute("error_rate", 0.015, Comparison.GREATER_THAN);
        Tally tally = Tally.run("error_rate absolute 1.5%, true 1.5% (worst case), 1,000 requests", 500_000,
                () -> RateGuardrail.judge(onePointFive, ALPHA, new Counts(errors.sample(), 1000), null).breached());
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 1000, 0.015)[wilson lower > 0.015]), alpha=0.05
        tally.assertMatches(0.05175806831066555);
    }

    /** log p99 / sigma, up to mu, of n log-normal latencies: Phi^-1 of the k-th of n uniforms. */
    private static ContinuousDistribution.Sampler standardizedP99(int n, long seed) {
        int k = (int) Math.ceil(0.99 * n);
        ContinuousDistribution.Sampler upperTail = BetaDistribution.of(n - k + 1, k).createSampler(random(seed));
        return () -> STANDARD.inverseSurvivalProbability(upperTail.sample());
    }

    private static Tally relativeP99(double threshold, int n, int windows, long seed) {
        double mu = Math.log(40);
        double sigma = 0.5;
        ContinuousDistribution.Sampler p99 = standardizedP99(n, seed);
        GuardrailSpec spec = relative("latency_p99", threshold, Comparison.GREATER_THAN);
        return Tally.run(String.format(Locale.ROOT, "latency_p99 relative %.1f, log-normal(ln 40 ms, 0.5) in both arms,"
                + " %,d requests per arm", threshold, n), windows, () -> LatencyGuardrail.judge(spec,
                        new Percentile(n, Math.exp(mu + sigma * p99.sample())),
                        new Percentile(n, Math.exp(mu + sigma * p99.sample()))).breached());
    }

    @Test
    void p99TenPercentAboveAnEqualControl() {
        // scipy 1.17.1, make_references.py: relative_p99_breach(n=1000, sigma=0.5, theta=0.1)
        relativeP99(0.1, 1000, 200_000, 201).assertMatches(0.12087303044359532);
    }

    @Test
    void p99TwentyPercentAboveAnEqualControl() {
        // scipy 1.17.1, make_references.py: relative_p99_breach(n=1000, sigma=0.5, theta=0.2)
        relativeP99(0.2, 1000, 200_000, 202).assertMatches(0.012996904585015382);
    }

    @Test
    void p99TenPercentAboveAnEqualControlWithTenThousandRequests() {
        // scipy 1.17.1, make_references.py: relative_p99_breach(n=10000, sigma=0.5, theta=0.1)
        relativeP99(0.1, 10_000, 200_000, 203).assertMatches(1.5182287586970418e-4);
    }
}
