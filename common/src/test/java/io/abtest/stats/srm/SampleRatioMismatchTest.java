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
import org.junit.jupiter.api.Test;

/**
 * Pinned against scipy 1.17.1 ({@code scipy.stats.chisquare}), computed offline by
 * {@code src/test/resources/io/abtest/stats/srm/reference_values.py}. Tolerance: 1e-9 relative for the statistic
 * (closed form) and for the p-value (chi-square upper tail).
 */
class SampleRatioMismatchTest {

    private static final double TOLERANCE = 1e-9;

    private final SampleRatioMismatch srm = SampleRatioMismatch.withDefaults();

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE, () -> "expected " + expected + " got " + actual);
    }

    private void assertChiSquare(long[] observed, double[] weights, double statistic, double pValue, int df) {
        SampleRatioMismatchResult result = srm.test(observed, weights);
        assertEquals(TestStatus.OK, result.status(), result.detail());
        assertNull(result.detail());
        assertRelative(statistic, result.statistic());
        assertRelative(pValue, result.pValue());
        assertEquals(df, result.degreesOfFreedom());
        assertEquals(pValue < 0.001, result.mismatch());
    }

    @Test
    void twoVariantsSlightlyOff() {
        // scipy 1.17.1: scipy.stats.chisquare([5100, 4900], f_exp=[5000.0, 5000.0])
        assertChiSquare(new long[] {5100, 4900}, new double[] {1, 1}, 4.0, 0.04550026389635857, 1);
    }

    @Test
    void threeVariantsWithUnequalWeights() {
        // scipy 1.17.1: scipy.stats.chisquare([10120, 9880, 5050], f_exp=[10020.0, 10020.0, 5010.0])
        assertChiSquare(new long[] {10120, 9880, 5050}, new double[] {40, 40, 20},
                3.273453093812375, 0.1946160672915265, 2);
    }

    @Test
    void extremeImbalance() {
        // scipy 1.17.1: scipy.stats.chisquare([100000, 1], f_exp=[50000.5, 50000.5])
        SampleRatioMismatchResult result = srm.test(new long[] {100000, 1}, new double[] {1, 1});
        assertRelative(99997.0000399996, result.statistic());
        assertEquals(0.0, result.pValue());
        assertTrue(result.mismatch());
    }

    @Test
    void tinySampleAllInOneVariant() {
        // scipy 1.17.1: scipy.stats.chisquare([3, 0], f_exp=[1.5, 1.5])
        assertChiSquare(new long[] {3, 0}, new double[] {1, 1}, 3.0, 0.08326451666355042, 1);
    }

    @Test
    void tinySampleUnequalWeights() {
        // scipy 1.17.1: scipy.stats.chisquare([1, 1], f_exp=[0.5, 1.5])
        assertChiSquare(new long[] {1, 1}, new double[] {1, 3}, 0.6666666666666666, 0.4142161782425251, 1);
    }

    @Test
    void ninetyTenSplitIsFlagged() {
        // scipy 1.17.1: scipy.stats.chisquare([90500, 9500], f_exp=[90000.0, 10000.0])
        assertChiSquare(new long[] {90500, 9500}, new double[] {90, 10}, 27.77777777777778, 1.3608022911357298e-07, 1);
    }

    @Test
    void perfectSplit() {
        // scipy 1.17.1: scipy.stats.chisquare([500, 500], f_exp=[500.0, 500.0])
        SampleRatioMismatchResult result = srm.test(new long[] {500, 500}, new double[] {1, 1});
        assertEquals(0.0, result.statistic());
        assertEquals(1.0, result.pValue());
        assertFalse(result.mismatch());
    }

    @Test
    void halfAPointOffAtOnePointSixMillionUnits() {
        // scipy 1.17.1: scipy.stats.chisquare([821588, 815482], f_exp=[818535.0, 818535.0])
        assertChiSquare(new long[] {821588, 815482}, new double[] {1, 1}, 22.77436884189436, 1.8217928726191858e-06, 1);
    }

    @Test
    void fourVariants() {
        // scipy 1.17.1: scipy.stats.chisquare([1000, 1010, 990, 1100], f_exp=[1025.0, 1025.0, 1025.0, 1025.0])
        assertChiSquare(new long[] {1000, 1010, 990, 1100}, new double[] {1, 1, 1, 1},
                7.51219512195122, 0.05724593369525395, 3);
    }

    @Test
    void zeroWeightVariantWithoutUnitsTakesNoPart() {
        // scipy 1.17.1: scipy.stats.chisquare([10120, 9880, 5050], f_exp=[10020.0, 10020.0, 5010.0])
        SampleRatioMismatchResult result = srm.test(new long[] {10120, 0, 9880, 5050}, new double[] {40, 0, 40, 20});
        assertEquals(TestStatus.OK, result.status());
        assertRelative(3.273453093812375, result.statistic());
        assertRelative(0.1946160672915265, result.pValue());
        assertEquals(2, result.degreesOfFreedom());
        assertEquals(List.of(0.4, 0.0, 0.4, 0.2), result.expectedShares());
        assertEquals(0.0, result.observedShares().get(1));
    }

    @Test
    void sharesAndUnits() {
        SampleRatioMismatchResult result = srm.test(new long[] {5100, 4900}, new double[] {3, 1});
        assertEquals(List.of(0.51, 0.49), result.observedShares());
        assertEquals(List.of(0.75, 0.25), result.expectedShares());
        assertEquals(10000, result.units());
        assertTrue(result.mismatch());
    }

    @Test
    void flagsStrictlyBelowTheThreshold() {
        // scipy 1.17.1: scipy.stats.chisquare([5100, 4900], f_exp=[5000.0, 5000.0]) -> p = 0.04550026389635857
        assertTrue(new SampleRatioMismatch(0.0455002639).test(new long[] {5100, 4900}, new double[] {1, 1}).mismatch());
        assertFalse(new SampleRatioMismatch(0.0455002638).test(new long[] {5100, 4900}, new double[] {1, 1}).mismatch());
        assertEquals(0.0455002638, new SampleRatioMismatch(0.0455002638).threshold());
    }

    @Test
    void readsConfiguredVariantsByName() {
        List<Variant> variants = List.of(
                new Variant("champion", 90, true, "m1"),
                new Variant("challenger", 10, false, "m2"));
        // scipy 1.17.1: scipy.stats.chisquare([90500, 9500], f_exp=[90000.0, 10000.0])
        SampleRatioMismatchResult result = srm.test(variants, Map.of("challenger", 9500L, "champion", 90500L));
        assertRelative(27.77777777777778, result.statistic());
        assertRelative(1.3608022911357298e-07, result.pValue());
        assertTrue(result.mismatch());

        SampleRatioMismatchResult missing = srm.test(variants, Map.of("champion", 10L));
        assertEquals(List.of(1.0, 0.0), missing.observedShares());
        assertEquals(10, missing.units());
    }

    private void assertBadInput(SampleRatioMismatchResult result, TestStatus status, String words, boolean mismatch) {
        assertEquals(status, result.status());
        assertTrue(result.detail().contains(words), result.detail());
        assertNull(result.statistic());
        assertNull(result.pValue());
        assertNull(result.degreesOfFreedom());
        assertEquals(mismatch, result.mismatch());
    }

    @Test
    void noUnits() {
        SampleRatioMismatchResult result = srm.test(new long[] {0, 0}, new double[] {1, 1});
        assertBadInput(result, TestStatus.NOT_ENOUGH_DATA, "no units", false);
        assertNull(result.observedShares());
        assertEquals(List.of(0.5, 0.5), result.expectedShares());
    }

    @Test
    void unitsInAVariantWithWeightZeroAreAMismatch() {
        SampleRatioMismatchResult result = srm.test(new long[] {500, 480, 3}, new double[] {1, 1, 0});
        assertBadInput(result, TestStatus.INVALID_INPUT, "variant #2 has weight 0 but received 3 units", true);
        assertEquals(983, result.units());
        assertEquals(3.0 / 983, result.observedShares().get(2));

        SampleRatioMismatchResult named = srm.test(
                List.of(new Variant("a", 1, true, null), new Variant("b", 0, false, null), new Variant("c", 1, false, null)),
                Map.of("a", 10L, "b", 1L, "c", 10L));
        assertBadInput(named, TestStatus.INVALID_INPUT, "variant 'b' has weight 0", true);
    }

    @Test
    void unitsInTheZeroWeightVariantOfTwoAreAMismatch() {
        SampleRatioMismatchResult challengerLast = srm.test(new long[] {2000, 400}, new double[] {100, 0});
        assertBadInput(challengerLast, TestStatus.INVALID_INPUT, "variant #1 has weight 0 but received 400 units", true);
        assertEquals(2400, challengerLast.units());
        assertEquals(List.of(2000.0 / 2400, 400.0 / 2400), challengerLast.observedShares());
        assertEquals(List.of(1.0, 0.0), challengerLast.expectedShares());

        assertBadInput(srm.test(new long[] {400, 2000}, new double[] {0, 100}), TestStatus.INVALID_INPUT,
                "variant #0 has weight 0 but received 400 units", true);
        assertBadInput(srm.test(new long[] {0, 400}, new double[] {100, 0}), TestStatus.INVALID_INPUT,
                "variant #1 has weight 0 but received 400 units", true);

        SampleRatioMismatchResult named = srm.test(
                List.of(new Variant("champion", 100, true, "m1"), new Variant("challenger", 0, false, "m2")),
                Map.of("champion", 2000L, "challenger", 400L));
        assertBadInput(named, TestStatus.INVALID_INPUT, "variant 'challenger' has weight 0 but received 400 units", true);
    }

    @Test
    void unitsInAZeroWeightVariantBesideASinglePositiveWeightAreAMismatch() {
        assertBadInput(srm.test(new long[] {2000, 0, 400}, new double[] {100, 0, 0}), TestStatus.INVALID_INPUT,
                "variant #2 has weight 0 but received 400 units", true);
        assertBadInput(srm.test(new long[] {7, 2000, 0}, new double[] {0, 50, 0}), TestStatus.INVALID_INPUT,
                "variant #0 has weight 0 but received 7 units", true);
    }

    @Test
    void aZeroWeightVariantWithoutUnitsBesideASinglePositiveWeightIsNoMismatch() {
        assertBadInput(srm.test(new long[] {2000, 0}, new double[] {100, 0}), TestStatus.INVALID_INPUT,
                "fewer than 2 variants have a positive weight", false);
        assertBadInput(srm.test(new long[] {0, 2000}, new double[] {0, 100}), TestStatus.INVALID_INPUT,
                "fewer than 2 variants have a positive weight", false);
        assertBadInput(srm.test(
                List.of(new Variant("champion", 100, true, "m1"), new Variant("challenger", 0, false, "m2")),
                Map.of("champion", 2000L)), TestStatus.INVALID_INPUT, "fewer than 2 variants have a positive weight", false);
    }

    @Test
    void negativeCounts() {
        SampleRatioMismatchResult result = srm.test(new long[] {500, -1}, new double[] {1, 1});
        assertBadInput(result, TestStatus.INVALID_INPUT, "negative unit count", false);
        assertNull(result.observedShares());
    }

    @Test
    void fewerThanTwoVariants() {
        assertBadInput(srm.test(new long[] {500}, new double[] {1}), TestStatus.INVALID_INPUT, "fewer than 2 variants", false);
        assertBadInput(srm.test(new long[] {500, 0}, new double[] {1, 0}), TestStatus.INVALID_INPUT,
                "fewer than 2 variants have a positive weight", false);
        assertBadInput(srm.test(new long[0], new double[0]), TestStatus.INVALID_INPUT, "fewer than 2 variants", false);
    }

    @Test
    void malformedWeightsOrArrays() {
        assertBadInput(srm.test(new long[] {1, 2}, new double[] {1, Double.NaN}), TestStatus.INVALID_INPUT, "weight NaN", false);
        assertBadInput(srm.test(new long[] {1, 2}, new double[] {1, -1}), TestStatus.INVALID_INPUT, "weight -1.0", false);
        assertBadInput(srm.test(new long[] {1, 2}, new double[] {0, 0}), TestStatus.INVALID_INPUT, "weights add up to 0.0", false);
        assertBadInput(srm.test(new long[] {1, 2}, new double[] {1, 1, 1}), TestStatus.INVALID_INPUT, "2 unit counts for 3 weights", false);
        assertBadInput(srm.test(null, new double[] {1, 1}), TestStatus.INVALID_INPUT, "no unit counts", false);
        assertBadInput(srm.test(new long[] {Long.MAX_VALUE, 1}, new double[] {1, 1}), TestStatus.INVALID_INPUT, "add up to more", false);
        assertBadInput(srm.test((long[]) null, null), TestStatus.INVALID_INPUT, "no unit counts", false);
    }

    @Test
    void rejectsAThresholdOutsideTheUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new SampleRatioMismatch(0));
        assertThrows(IllegalArgumentException.class, () -> new SampleRatioMismatch(Double.NaN));
    }
}
