package io.abtest.stats.srm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.Variant;
import io.abtest.stats.TestStatus;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Log Bayes factors pinned against a direct evaluation of eq. (2) of {@link SequentialSampleRatioMismatch} with
 * {@code scipy.special.gammaln} (scipy 1.17.1, numpy 2.4.6), the function {@code log_bayes_factor} of
 * {@code src/test/resources/io/abtest/stats/srm/reference_values.py}:
 * {@code alpha = c * p; gammaln(alpha.sum()) - gammaln(alpha.sum() + x.sum())
 * + sum(gammaln(alpha + x) - gammaln(alpha)) - sum(x * log(p))}.
 * Tolerance: 1e-9 relative (closed form). That reference itself carries rounding of up to 9e-10 relative (its
 * lnGamma terms reach 10^7 and cancel to results of size 1), so the same cases are also pinned against a
 * 50-digit mpmath 1.4.1 evaluation (same script, {@code mp.dps = 50}) at 1e-10 relative.
 */
class SequentialSampleRatioMismatchTest {

    private static final double TOLERANCE = 1e-9;

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE, () -> "expected " + expected + " got " + actual);
    }

    private static SequentialSampleRatioMismatchResult test(double concentration, long[] counts, double[] weights) {
        return new SequentialSampleRatioMismatch(concentration, 0.001).test(counts, weights);
    }

    private static void assertLogBayesFactor(double expected, double concentration, long[] counts, double[] weights) {
        SequentialSampleRatioMismatchResult result = test(concentration, counts, weights);
        assertEquals(TestStatus.OK, result.status(), result.detail());
        assertRelative(expected, result.logBayesFactor());
        assertRelative(Math.min(1, Math.exp(-expected)), result.pValue());
        assertEquals(result.pValue(), result.runningMinimumPValue());
        assertEquals(result.pValue() < 0.001, result.mismatch());
    }

    @Test
    void twoVariantsSlightlyOff() {
        // log_bayes_factor([5100, 4900], [0.5, 0.5], 10000.0)
        assertLogBayesFactor(0.6534805811897968, 10000, new long[] {5100, 4900}, new double[] {1, 1});
    }

    @Test
    void threeVariantsConsistentWithTheSplit() {
        // log_bayes_factor([10120, 9880, 5050], [0.4, 0.4, 0.2], 10000.0)
        assertLogBayesFactor(-0.08459033884719247, 10000, new long[] {10120, 9880, 5050}, new double[] {40, 40, 20});
    }

    @Test
    void halfAPointOffAtOneHundredThousandUnits() {
        // log_bayes_factor([50500, 49500], [0.5, 0.5], 10000.0)
        assertLogBayesFactor(3.3465881176962284, 10000, new long[] {50500, 49500}, new double[] {1, 1});
    }

    @Test
    void tinySampleWithAVagueMixture() {
        // log_bayes_factor([3, 0], [0.5, 0.5], 1.0); exactly ln(Gamma(1) Gamma(3.5) / (Gamma(4) Gamma(0.5) 0.5^3)) = ln 2.5
        assertLogBayesFactor(0.9162907318741551, 1, new long[] {3, 0}, new double[] {1, 1});
    }

    @Test
    void exactSplitAtTwoMillionUnitsFavoursTheNull() {
        // log_bayes_factor([1000000, 1000000], [0.5, 0.5], 10000.0)
        assertLogBayesFactor(-2.6516773272305727, 10000, new long[] {1000000, 1000000}, new double[] {1, 1});
    }

    @Test
    void ninetyTenSplitWithASmallConcentration() {
        // log_bayes_factor([90500, 9500], [0.9, 0.1], 100.0)
        assertLogBayesFactor(10.645786458881048, 100, new long[] {90500, 9500}, new double[] {90, 10});
    }

    @Test
    void threeVariantsWithAMismatch() {
        // log_bayes_factor([101200, 98000, 50800], [0.4, 0.4, 0.2], 10000.0)
        SequentialSampleRatioMismatchResult result =
                test(10000, new long[] {101200, 98000, 50800}, new double[] {2, 2, 1});
        assertRelative(29.11254378326703, result.logBayesFactor());
        assertRelative(Math.exp(-29.11254378326703), result.pValue());
        assertTrue(result.mismatch());
    }

    @Test
    void agreesWithAFiftyDigitEvaluation() {
        double[][] weights = {{1, 1}, {2, 2, 1}, {1, 1}, {1, 1}, {1, 1}, {9, 1}, {2, 2, 1}};
        long[][] counts = {{5100, 4900}, {10120, 9880, 5050}, {50500, 49500}, {3, 0}, {1000000, 1000000},
            {90500, 9500}, {101200, 98000, 50800}};
        double[] concentrations = {10000, 10000, 10000, 1, 10000, 100, 10000};
        // mpmath 1.4.1, mp.dps = 50: mpmath_log_bayes_factor(counts, shares, concentration) in reference_values.py
        double[] expected = {0.65348058122043288, -0.084590338794154265, 3.346588117691382, 0.91629073187415507,
            -2.6516773296513868, 10.645786459071452, 29.112543783734001};
        for (int i = 0; i < expected.length; i++) {
            double actual = test(concentrations[i], counts[i], weights[i]).logBayesFactor();
            assertEquals(expected[i], actual, Math.abs(expected[i]) * 1e-10, "case " + i);
        }
    }

    /**
     * BF_n is the product over units of the Dirichlet posterior predictive of each unit's variant divided by its
     * null share, (alpha_i + x_i) / (A + n) / p_i: an independent evaluation of (1) that also shows the result
     * does not depend on the order or batching of the units.
     */
    @Test
    void equalsTheProductOfOneStepPredictiveRatios() {
        double[] shares = {0.5, 0.3, 0.2};
        double concentration = 200;
        SplittableRandom random = new SplittableRandom(20240611L);
        long[] counts = new long[3];
        double sumOfLogRatios = 0;
        for (int unit = 0; unit < 20_000; unit++) {
            double u = random.nextDouble();
            int i = u < 0.49 ? 0 : u < 0.80 ? 1 : 2;
            sumOfLogRatios += Math.log((concentration * shares[i] + counts[i]) / (concentration + unit))
                    - Math.log(shares[i]);
            counts[i]++;
        }
        SequentialSampleRatioMismatchResult result = test(concentration, counts, new double[] {5, 3, 2});
        assertEquals(sumOfLogRatios, result.logBayesFactor(), 1e-8 * Math.max(1, Math.abs(sumOfLogRatios)));
    }

    @Test
    void runningMinimumAndTheFlagCarryOver() {
        SequentialSampleRatioMismatch ssrm = new SequentialSampleRatioMismatch(10000, 0.05);
        double[] weights = {1, 1};
        SequentialSampleRatioMismatchResult first = ssrm.test(new long[] {50500, 49500}, weights);
        // exp(-3.3465881176962284) from log_bayes_factor([50500, 49500], [0.5, 0.5], 10000.0)
        assertRelative(0.03520426222762862, first.pValue());
        assertTrue(first.mismatch());

        SequentialSampleRatioMismatchResult second = ssrm.test(new long[] {51000, 51000}, weights, first);
        assertTrue(second.pValue() > 0.05);
        assertEquals(first.pValue(), second.runningMinimumPValue());
        assertTrue(second.mismatch());

        SequentialSampleRatioMismatchResult broken = ssrm.test(new long[] {51000, -1}, weights, second);
        assertEquals(TestStatus.INVALID_INPUT, broken.status());
        assertNull(broken.pValue());
        assertEquals(first.pValue(), broken.runningMinimumPValue());
        assertTrue(broken.mismatch());

        SequentialSampleRatioMismatchResult fresh = ssrm.test(new long[] {51000, 51000}, weights, null);
        assertEquals(fresh.pValue(), fresh.runningMinimumPValue());
        assertFalse(fresh.mismatch());
    }

    @Test
    void readsConfiguredVariantsByName() {
        List<Variant> variants = List.of(new Variant("champion", 1, true, "m1"), new Variant("challenger", 1, false, "m2"));
        SequentialSampleRatioMismatchResult result = SequentialSampleRatioMismatch.withDefaults()
                .test(variants, Map.of("champion", 50500L, "challenger", 49500L), null);
        // log_bayes_factor([50500, 49500], [0.5, 0.5], 10000.0)
        assertRelative(3.3465881176962284, result.logBayesFactor());
        assertFalse(result.mismatch());
        assertEquals(List.of(0.505, 0.495), result.observedShares());
        assertEquals(10000.0, result.concentration());
        assertEquals(0.001, result.threshold());
    }

    @Test
    void unitsInTheZeroWeightVariantOfTwoAreAMismatchThatStays() {
        SequentialSampleRatioMismatch ssrm = SequentialSampleRatioMismatch.withDefaults();
        double[] weights = {100, 0};
        SequentialSampleRatioMismatchResult beforeTheLeak = ssrm.test(new long[] {1000, 0}, weights);
        assertEquals(TestStatus.INVALID_INPUT, beforeTheLeak.status());
        assertTrue(beforeTheLeak.detail().contains("fewer than 2 variants have a positive weight"), beforeTheLeak.detail());
        assertFalse(beforeTheLeak.mismatch());
        assertNull(beforeTheLeak.runningMinimumPValue());

        SequentialSampleRatioMismatchResult leak = ssrm.test(new long[] {2000, 400}, weights, beforeTheLeak);
        assertEquals(TestStatus.INVALID_INPUT, leak.status());
        assertTrue(leak.detail().contains("variant #1 has weight 0 but received 400 units"), leak.detail());
        assertNull(leak.logBayesFactor());
        assertNull(leak.pValue());
        assertNull(leak.runningMinimumPValue());
        assertTrue(leak.mismatch());
        assertEquals(List.of(2000.0 / 2400, 400.0 / 2400), leak.observedShares());

        SequentialSampleRatioMismatchResult reversed = ssrm.test(new long[] {400, 2000}, new double[] {0, 100});
        assertTrue(reversed.detail().contains("variant #0 has weight 0 but received 400 units"), reversed.detail());
        assertTrue(reversed.mismatch());

        SequentialSampleRatioMismatchResult named = ssrm.test(
                List.of(new Variant("champion", 100, true, "m1"), new Variant("challenger", 0, false, "m2")),
                Map.of("champion", 2000L, "challenger", 400L), null);
        assertTrue(named.detail().contains("variant 'challenger' has weight 0 but received 400 units"), named.detail());
        assertTrue(named.mismatch());
    }

    @Test
    void unitsInAZeroWeightVariantKeepTheRunningMinimumAndTheFlag() {
        SequentialSampleRatioMismatch ssrm = SequentialSampleRatioMismatch.withDefaults();
        double[] weights = {1, 1, 0};
        SequentialSampleRatioMismatchResult healthy = ssrm.test(new long[] {5100, 4900, 0}, weights);
        // exp(-0.6534805811897968) from log_bayes_factor([5100, 4900], [0.5, 0.5], 10000.0)
        assertRelative(0.5202319125322294, healthy.pValue());
        assertFalse(healthy.mismatch());

        SequentialSampleRatioMismatchResult leak = ssrm.test(new long[] {5200, 5000, 3}, weights, healthy);
        assertEquals(TestStatus.INVALID_INPUT, leak.status());
        assertTrue(leak.detail().contains("variant #2 has weight 0 but received 3 units"), leak.detail());
        assertEquals(healthy.pValue(), leak.runningMinimumPValue());
        assertTrue(leak.mismatch());

        SequentialSampleRatioMismatchResult later = ssrm.test(new long[] {5300, 5100, 3}, weights, leak);
        assertEquals(healthy.pValue(), later.runningMinimumPValue());
        assertTrue(later.mismatch());
    }

    @Test
    void badInput() {
        SequentialSampleRatioMismatch ssrm = SequentialSampleRatioMismatch.withDefaults();
        SequentialSampleRatioMismatchResult none = ssrm.test(new long[] {0, 0}, new double[] {1, 1});
        assertEquals(TestStatus.NOT_ENOUGH_DATA, none.status());
        assertNull(none.logBayesFactor());
        assertNull(none.runningMinimumPValue());
        assertFalse(none.mismatch());

        SequentialSampleRatioMismatchResult zeroWeight = ssrm.test(new long[] {10, 10, 1}, new double[] {1, 1, 0});
        assertEquals(TestStatus.INVALID_INPUT, zeroWeight.status());
        assertTrue(zeroWeight.detail().contains("weight 0 but received 1 units"), zeroWeight.detail());
        assertNull(zeroWeight.pValue());
        assertTrue(zeroWeight.mismatch());

        SequentialSampleRatioMismatchResult negative = ssrm.test(new long[] {10, -3}, new double[] {1, 1});
        assertEquals(TestStatus.INVALID_INPUT, negative.status());
        assertTrue(negative.detail().contains("negative"), negative.detail());
        assertFalse(negative.mismatch());

        SequentialSampleRatioMismatchResult single = ssrm.test(new long[] {10}, new double[] {1});
        assertEquals(TestStatus.INVALID_INPUT, single.status());
        assertTrue(single.detail().contains("fewer than 2 variants"), single.detail());

        assertThrows(IllegalArgumentException.class, () -> new SequentialSampleRatioMismatch(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> new SequentialSampleRatioMismatch(100, 1));
    }
}
