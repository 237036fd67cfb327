package io.abtest.stats.fixed;

import static io.abtest.stats.fixed.Close.CLOSED_FORM;
import static io.abtest.stats.fixed.Close.assertClose;
import static io.abtest.stats.fixed.Close.assertNoNaN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeltaMethodRatioTestTest {

    static List<ReferenceTable.Row> references() {
        return ReferenceTable.load("delta_ratio.csv").rows();
    }

    /** Grid of delta_ratio.csv (numpy 2.4.6 from per-unit arrays, scipy 1.17.1 normal tails). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void matchesNumpyDeltaMethod(ReferenceTable.Row row) {
        FixedHorizonResult result = DeltaMethodRatioTest.test(row.control(), row.treatment(), row.alpha());
        row.assertMatches(result, CLOSED_FORM);
        assertNoNaN(result);
    }

    @Test
    void unitsMergedOneByOneMatchTheGridsSmallestCase() {
        FixedHorizonResult result = DeltaMethodRatioTest.test(
                Units.ratios(new double[] {1, 4}, new double[] {2, 5}),
                Units.ratios(new double[] {0, 3}, new double[] {1, 2}), 0.05);
        // numpy 2.4.6 / scipy 1.17.1, make_references.py delta_ratio_reference("n_equals_2", [1, 4], [2, 5], [0, 3],
        // [1, 2], 0.05): R_C = 5/7, R_T = 1, SE from the delta method, p = 2 norm.sf(|z|)
        assertClose(0.2857142857142857, result.estimate().difference(), CLOSED_FORM, "difference");
        assertClose(0.6778187051472735, result.estimate().differenceStandardError(), CLOSED_FORM, "se");
        assertClose(0.6733752536578322, result.pValue(), CLOSED_FORM, "p");
    }

    @Test
    void numeratorProportionalToDenominatorIsZeroVariance() {
        FixedHorizonResult result = DeltaMethodRatioTest.test(
                Units.ratios(new double[] {2, 4, 6}, new double[] {1, 2, 3}),
                Units.ratios(new double[] {3, 9}, new double[] {1, 3}), 0.05);
        assertEquals(TestStatus.ZERO_VARIANCE, result.status(), result.detail());
        assertClose(1.0, result.estimate().difference(), CLOSED_FORM, "difference");
        assertClose(0.5, result.estimate().relative(), CLOSED_FORM, "relative");
        assertNull(result.pValue());
        assertNoNaN(result);
    }

    @Test
    void nonPositiveDenominatorIsInvalidInput() {
        SufficientStatistics fine = Units.ratios(new double[] {1, 2, 3}, new double[] {2, 2, 4});
        for (SufficientStatistics bad : List.of(
                Units.ratios(new double[] {0, 0}, new double[] {0, 0}),
                Units.ratios(new double[] {1, 2}, new double[] {-1, -3}))) {
            FixedHorizonResult result = DeltaMethodRatioTest.test(fine, bad, 0.05);
            assertEquals(TestStatus.INVALID_INPUT, result.status());
            assertNoNaN(result);
        }
    }

    @Test
    void coMomentsImplyingANegativeVarianceAreInvalidInput() {
        // |C_yd| > sqrt(C_yy C_dd) is impossible for real data
        SufficientStatistics inconsistent = SufficientStatistics.of(10, 2, 1, 0, 1, 1, 0, 5, 0, 0);
        FixedHorizonResult result = DeltaMethodRatioTest.test(inconsistent, inconsistent, 0.05);
        assertEquals(TestStatus.INVALID_INPUT, result.status());
        assertNoNaN(result);
    }

    @Test
    void singleUnitIsNotEnoughDataWithItsRatio() {
        FixedHorizonResult result = DeltaMethodRatioTest.test(Units.ratios(new double[] {3}, new double[] {4}),
                Units.ratios(new double[] {1, 2}, new double[] {2, 2}), 0.05);
        assertEquals(TestStatus.NOT_ENOUGH_DATA, result.status());
        assertEquals(0.75, result.estimate().controlMean());
        assertNoNaN(result);
    }
}
