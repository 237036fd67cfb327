package io.abtest.stats.fixed;

import static io.abtest.stats.fixed.Close.CLOSED_FORM;
import static io.abtest.stats.fixed.Close.T_TAIL;
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

class WelchTTestTest {

    static List<ReferenceTable.Row> references() {
        return ReferenceTable.load("welch_t.csv").rows();
    }

    /** Grid of welch_t.csv (scipy 1.17.1 ttest_ind_from_stats; calls in the file's header). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void matchesScipy(ReferenceTable.Row row) {
        FixedHorizonResult result = WelchTTest.test(row.control(), row.treatment(), row.alpha());
        row.assertMatches(result, T_TAIL);
        assertClose(row.get("df"), result.estimate().degreesOfFreedom(), CLOSED_FORM, row + " df");
        assertNoNaN(result);
    }

    private static final double[] CONTROL = {2.1, 3.4, 1.9, 5.0, 4.4, 2.8, 3.3, 6.1};
    private static final double[] TREATMENT = {4.2, 3.9, 6.6, 5.1, 2.2, 7.4, 5.5, 4.8, 6.0, 3.1, 5.7};

    @Test
    void unitsMergedOneByOneMatchScipyTtestInd() {
        FixedHorizonResult result = WelchTTest.test(Units.values(CONTROL), Units.values(TREATMENT), 0.05);
        // scipy 1.17.1: r = scipy.stats.ttest_ind(TREATMENT, CONTROL, equal_var=False)
        assertClose(1.9268901926789435, result.statistic(), CLOSED_FORM, "t");
        assertClose(0.0722913773324793, result.pValue(), T_TAIL, "p");
        assertClose(15.699302855257727, result.estimate().degreesOfFreedom(), CLOSED_FORM, "df");
        // scipy 1.17.1: r.confidence_interval(0.95)
        assertClose(-0.13545981583490474, result.absoluteInterval().low(), T_TAIL, "low");
        assertClose(2.7945507249258146, result.absoluteInterval().high(), T_TAIL, "high");
    }

    @Test
    void intervalLevelFollowsAlpha() {
        FixedHorizonResult result = WelchTTest.test(Units.values(CONTROL), Units.values(TREATMENT), 0.01);
        // scipy 1.17.1: scipy.stats.ttest_ind(TREATMENT, CONTROL, equal_var=False).confidence_interval(0.99)
        assertClose(-0.6908929062518747, result.absoluteInterval().low(), T_TAIL, "low");
        assertClose(3.3499838153427848, result.absoluteInterval().high(), T_TAIL, "high");
    }

    @Test
    void constantValuesAreZeroVarianceWithTheEffectKept() {
        FixedHorizonResult result = WelchTTest.test(Units.values(2, 2, 2), Units.values(3, 3), 0.05);
        assertEquals(TestStatus.ZERO_VARIANCE, result.status());
        assertEquals(1.0, result.estimate().difference());
        assertEquals(0.5, result.estimate().relative());
        assertEquals(0.0, result.estimate().differenceStandardError());
        assertNull(result.statistic());
        assertNull(result.pValue());
        assertNoNaN(result);
    }

    @Test
    void hugeConstantMeansAreZeroVarianceNotRoundingNoise() {
        FixedHorizonResult result = WelchTTest.test(Units.values(1e9, 1e9, 1e9), Units.values(1e9 + 1, 1e9 + 1), 0.05);
        assertEquals(TestStatus.ZERO_VARIANCE, result.status());
        assertEquals(1.0, result.estimate().difference());
    }

    @Test
    void fewerThanTwoUnitsIsNotEnoughData() {
        for (SufficientStatistics small : List.of(SufficientStatistics.EMPTY, Units.values(4.0))) {
            FixedHorizonResult result = WelchTTest.test(small, Units.values(CONTROL), 0.05);
            assertEquals(TestStatus.NOT_ENOUGH_DATA, result.status());
            assertNull(result.estimate().differenceStandardError());
            assertEquals(0.0, result.estimate().degreesOfFreedom());
            assertNoNaN(result);
        }
    }

    @Test
    void nanOrNegativeFieldsAreInvalidInput() {
        List<SufficientStatistics> bad = List.of(
                SufficientStatistics.of(10, Double.NaN, 1, 0, 2, 0, 0, 0, 0, 0),
                SufficientStatistics.of(10, 1, 1, 0, -2, 0, 0, 0, 0, 0),
                SufficientStatistics.of(-3, 1, 1, 0, 2, 0, 0, 0, 0, 0),
                SufficientStatistics.of(10, Double.NEGATIVE_INFINITY, 1, 0, 2, 0, 0, 0, 0, 0));
        for (SufficientStatistics s : bad) {
            FixedHorizonResult result = WelchTTest.test(Units.values(CONTROL), s, 0.05);
            assertEquals(TestStatus.INVALID_INPUT, result.status(), s.toString());
            assertNoNaN(result);
        }
    }

    /**
     * Welch's test is scale-free: multiplying every value by k multiplies the difference and its standard error by
     * k and changes neither the degrees of freedom nor the p-value, also where the squares in the
     * Welch-Satterthwaite formula leave the double range (control {0, 1e78} against treatment {0, 2e78}, values
     * near 1e150).
     */
    @Test
    void extremeScalesGiveTheSameTestAsOrdinaryOnes() {
        FixedHorizonResult ordinary = WelchTTest.test(Units.values(0, 1), Units.values(0, 2), 0.05);
        FixedHorizonResult spread = WelchTTest.test(Units.values(CONTROL), Units.values(TREATMENT), 0.05);
        for (double k : new double[] {1e-150, 1e-100, 1e78, 1e100, 1e150}) {
            assertScaled(ordinary, WelchTTest.test(Units.values(0, k), Units.values(0, 2 * k), 0.05), k);
            assertScaled(spread, WelchTTest.test(Units.values(scaled(CONTROL, k)), Units.values(scaled(TREATMENT, k)),
                    0.05), k);
        }
    }

    private static void assertScaled(FixedHorizonResult expected, FixedHorizonResult actual, double k) {
        assertNoNaN(actual);
        assertEquals(TestStatus.OK, actual.status(), actual.toString());
        assertClose(expected.estimate().degreesOfFreedom(), actual.estimate().degreesOfFreedom(), CLOSED_FORM,
                "df at scale " + k);
        assertClose(expected.pValue(), actual.pValue(), T_TAIL, "p at scale " + k);
        assertClose(k * expected.estimate().difference(), actual.estimate().difference(), CLOSED_FORM,
                "difference at scale " + k);
        assertClose(k * expected.estimate().differenceStandardError(), actual.estimate().differenceStandardError(),
                CLOSED_FORM, "standard error at scale " + k);
    }

    private static double[] scaled(double[] values, double k) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i] * k;
        }
        return result;
    }
}
