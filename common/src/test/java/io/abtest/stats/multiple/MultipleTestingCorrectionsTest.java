package io.abtest.stats.multiple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.MultipleTestingCorrection;
import io.abtest.stats.TestStatus;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MultipleTestingCorrectionsTest {

    private static final double TOLERANCE = MultipletestsReference.TOLERANCE;

    private static void assertValues(List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) == null) {
                assertNull(actual.get(i), "#" + i);
            } else {
                assertEquals(expected.get(i), actual.get(i), expected.get(i) * TOLERANCE, "#" + i + " of " + actual);
            }
        }
    }

    @Test
    void dispatchesOnTheConfiguredMethod() {
        double[] pValues = {0.01, 0.04, 0.03, 0.005};
        // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03, 0.005], alpha=0.05, method='bonferroni')
        assertValues(List.of(0.04, 0.16, 0.12, 0.02),
                MultipleTestingCorrections.adjust(MultipleTestingCorrection.BONFERRONI, pValues).adjusted());
        // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03, 0.005], alpha=0.05, method='holm')
        assertValues(List.of(0.03, 0.06, 0.06, 0.02),
                MultipleTestingCorrections.adjust(MultipleTestingCorrection.HOLM, pValues).adjusted());
        // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03, 0.005], alpha=0.05, method='fdr_bh')
        assertValues(List.of(0.02, 0.04, 0.04, 0.02),
                MultipleTestingCorrections.adjust(MultipleTestingCorrection.BENJAMINI_HOCHBERG, pValues).adjusted());

        AdjustedPValues none = MultipleTestingCorrections.adjust(MultipleTestingCorrection.NONE, pValues);
        assertEquals(List.of(0.01, 0.04, 0.03, 0.005), none.adjusted());
        assertEquals(List.of(0.01, 0.04, 0.03, 0.005), none.raw());
        assertEquals(MultipleTestingCorrection.NONE, none.method());
        assertEquals(List.of(true, true, true, true), none.rejected(0.05));
    }

    /** A test that could not run is left out of the family: the others are adjusted as a family of 3. */
    @Test
    void missingPValuesStayMissingAndAreNotCounted() {
        List<Double> pValues = Arrays.asList(0.01, null, 0.04, 0.03);
        // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03], alpha=0.05, method='holm')
        //   -> corrected [0.03, 0.06, 0.06]  (3 * 0.01; max(2 * 0.03, 0.03); max(1 * 0.04, 0.06))
        AdjustedPValues holm = MultipleTestingCorrections.adjust(MultipleTestingCorrection.HOLM, pValues);
        assertEquals(TestStatus.OK, holm.status());
        assertEquals(3, holm.familySize());
        assertValues(Arrays.asList(0.03, null, 0.06, 0.06), holm.adjusted());
        assertEquals(Arrays.asList(true, null, false, false), holm.rejected(0.05));
        assertEquals(1, holm.rejectedCount(0.05));
        assertEquals(pValues, holm.raw());

        AdjustedPValues fromArray = MultipleTestingCorrections.adjust(MultipleTestingCorrection.BONFERRONI,
                new double[] {0.01, Double.NaN, 0.04, 0.03});
        assertEquals(3, fromArray.familySize());
        assertValues(Arrays.asList(0.03, null, 0.12, 0.09), fromArray.adjusted());
        assertNull(fromArray.raw().get(1));
    }

    @Test
    void aFamilyWithoutPValues() {
        AdjustedPValues allMissing = MultipleTestingCorrections.adjust(MultipleTestingCorrection.BENJAMINI_HOCHBERG,
                Arrays.asList(null, null));
        assertEquals(TestStatus.NOT_ENOUGH_DATA, allMissing.status());
        assertEquals(0, allMissing.familySize());
        assertEquals(Arrays.asList(null, null), allMissing.adjusted());
        assertTrue(allMissing.detail().contains("no test"));

        AdjustedPValues empty = MultipleTestingCorrections.adjust(MultipleTestingCorrection.HOLM, new double[0]);
        assertEquals(TestStatus.NOT_ENOUGH_DATA, empty.status());
        assertEquals(List.of(), empty.adjusted());

        AdjustedPValues nothing = MultipleTestingCorrections.adjust(MultipleTestingCorrection.HOLM, (double[]) null);
        assertEquals(TestStatus.INVALID_INPUT, nothing.status());
    }

    @Test
    void aPValueOutsideTheUnitIntervalInvalidatesTheFamily() {
        AdjustedPValues result = MultipleTestingCorrections.adjust(MultipleTestingCorrection.BONFERRONI,
                new double[] {0.01, 1.5, 0.2});
        assertEquals(TestStatus.INVALID_INPUT, result.status());
        assertTrue(result.detail().contains("p-value #1 is 1.5"), result.detail());
        assertEquals(Arrays.asList(null, null, null), result.adjusted());
        assertEquals(Arrays.asList(null, null, null), result.rejected(0.05));

        AdjustedPValues negative = MultipleTestingCorrections.adjust(MultipleTestingCorrection.HOLM,
                Arrays.asList(-0.1, 0.2));
        assertEquals(TestStatus.INVALID_INPUT, negative.status());
        AdjustedPValues notANumber = new BenjaminiHochberg().adjust(Arrays.asList(Double.NaN, 0.2));
        assertEquals(TestStatus.INVALID_INPUT, notANumber.status());
        assertThrows(IllegalArgumentException.class, () -> result.rejected(1.0));
    }

    /**
     * On random families: adjusted p-values are in [raw, 1], ordered as the raw ones, and
     * raw &lt;= BH &lt;= Holm &lt;= Bonferroni; with m = 1 every method returns the raw p-value.
     */
    @Test
    void adjustedValuesAreMonotoneCappedAndOrdered() {
        SplittableRandom random = new SplittableRandom(7L);
        PValueAdjustment bonferroni = new Bonferroni();
        PValueAdjustment holm = new HolmBonferroni();
        PValueAdjustment bh = new BenjaminiHochberg();
        for (int family = 0; family < 2_000; family++) {
            int m = 1 + random.nextInt(30);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                double u = random.nextDouble();
                p[i] = random.nextInt(5) == 0 ? Math.round(u * 10) / 10.0 : u * u * u;
            }
            double[] b = bonferroni.adjustComplete(p);
            double[] h = holm.adjustComplete(p);
            double[] f = bh.adjustComplete(p);
            for (int i = 0; i < m; i++) {
                int index = i;
                assertTrue(p[i] <= f[i] && f[i] <= h[i] && h[i] <= b[i] && b[i] <= 1,
                        () -> Arrays.toString(p) + " at " + index);
                if (m == 1) {
                    assertEquals(p[0], b[0]);
                    assertEquals(p[0], h[0]);
                    assertEquals(p[0], f[0]);
                }
                for (int j = 0; j < m; j++) {
                    if (p[i] <= p[j]) {
                        assertTrue(b[i] <= b[j] && h[i] <= h[j] && f[i] <= f[j], () -> Arrays.toString(p));
                    }
                }
            }
        }
    }
}
