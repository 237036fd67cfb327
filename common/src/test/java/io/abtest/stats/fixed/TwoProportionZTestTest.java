package io.abtest.stats.fixed;

import static io.abtest.stats.fixed.Close.CLOSED_FORM;
import static io.abtest.stats.fixed.Close.assertClose;
import static io.abtest.stats.fixed.Close.assertNoNaN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TwoProportionZTestTest {

    static List<ReferenceTable.Row> references() {
        return ReferenceTable.load("two_proportion_z.csv").rows();
    }

    /** Grid of two_proportion_z.csv (statsmodels 0.15.0; calls in the file's header). Normal tails: 1e-9. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void matchesStatsmodels(ReferenceTable.Row row) {
        FixedHorizonResult result = TwoProportionZTest.test(row.control(), row.treatment(), row.alpha());
        row.assertMatches(result, CLOSED_FORM);
        assertNoNaN(result);
    }

    @Test
    void summaryBuiltFromUnitsMatchesStatsmodels() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(30, 100), Units.conversions(20, 100), 0.05);
        // statsmodels 0.15.0: proportions_ztest([20, 30], [100, 100])
        assertClose(-1.6329931618554518, result.statistic(), CLOSED_FORM, "z");
        assertClose(0.10247043485974941, result.pValue(), CLOSED_FORM, "p");
        // statsmodels 0.15.0: confint_proportions_2indep(20, 100, 30, 100, method='wald', compare='diff')
        assertClose(-0.2192199548589424, result.absoluteInterval().low(), CLOSED_FORM, "low");
        assertClose(0.019219954858942456, result.absoluteInterval().high(), CLOSED_FORM, "high");
    }

    @Test
    void noConversionsAnywhereIsZeroVarianceWithTheEffectKept() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(0, 50), Units.conversions(0, 80), 0.05);
        assertEquals(TestStatus.ZERO_VARIANCE, result.status());
        assertEquals(0.0, result.estimate().difference());
        assertEquals(0.0, result.estimate().differenceStandardError());
        assertNull(result.estimate().relative(), "lift undefined at a control rate of 0");
        assertNull(result.statistic());
        assertNull(result.pValue());
        assertNull(result.absoluteInterval());
        assertNoNaN(result);
    }

    @Test
    void everyoneConvertedEverywhereIsZeroVariance() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(9, 9), Units.conversions(4, 4), 0.05);
        assertEquals(TestStatus.ZERO_VARIANCE, result.status());
        assertEquals(0.0, result.estimate().relative());
        assertNoNaN(result);
    }

    @Test
    void ratesZeroAndOneStillHaveAPooledStatistic() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(0, 50), Units.conversions(50, 50), 0.05);
        assertEquals(TestStatus.OK, result.status());
        assertEquals(TestStatus.ZERO_VARIANCE, result.estimate().status());
        // pooled p = 1/2: z = 1 / sqrt(1/4 (2/50)) = 10
        assertClose(10.0, result.statistic(), CLOSED_FORM, "z");
        // scipy 1.17.1: 2 * scipy.stats.norm.sf(10)
        assertClose(1.523970604832094e-23, result.pValue(), CLOSED_FORM, "p");
        assertEquals(new Interval(1, 1), result.absoluteInterval());
        assertNoNaN(result);
    }

    @Test
    void oneUnitIsNotEnoughDataButKeepsTheMeans() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(1, 1), Units.conversions(3, 10), 0.05);
        assertEquals(TestStatus.NOT_ENOUGH_DATA, result.status());
        assertEquals(1.0, result.estimate().controlMean());
        assertClose(-0.7, result.estimate().difference(), CLOSED_FORM, "difference");
        assertNull(result.estimate().differenceStandardError());
        assertNull(result.pValue());
        assertTrue(result.detail().contains("1 in control"), result.detail());
        assertNoNaN(result);
    }

    @Test
    void emptyVariantIsNotEnoughDataWithoutItsMean() {
        FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(3, 10), SufficientStatistics.EMPTY, 0.05);
        assertEquals(TestStatus.NOT_ENOUGH_DATA, result.status());
        assertEquals(0.3, result.estimate().controlMean());
        assertNull(result.estimate().treatmentMean());
        assertNull(result.estimate().difference());
        assertNoNaN(result);
    }

    @Test
    void badSummariesAreInvalidInput() {
        SufficientStatistics fine = Units.conversions(3, 10);
        List<SufficientStatistics> bad = List.of(
                SufficientStatistics.of(10, Double.NaN, 1, 0, 2.1, 0, 0, 0, 0, 0),
                SufficientStatistics.of(-10, 0.3, 1, 0, 2.1, 0, 0, 0, 0, 0),
                SufficientStatistics.of(10, 1.5, 1, 0, 0, 0, 0, 0, 0, 0),
                SufficientStatistics.of(10, 0.3, 1, 0, -2.1, 0, 0, 0, 0, 0),
                Units.values(0, 5, 0, 1),
                SufficientStatistics.of(10, 0.3, 1, 0, Double.POSITIVE_INFINITY, 0, 0, 0, 0, 0));
        for (SufficientStatistics s : bad) {
            for (FixedHorizonResult result : List.of(TwoProportionZTest.test(s, fine, 0.05),
                    TwoProportionZTest.test(fine, s, 0.05))) {
                assertEquals(TestStatus.INVALID_INPUT, result.status(), s.toString());
                assertNull(result.estimate().difference());
                assertNoNaN(result);
            }
        }
    }

    @Test
    void alphaOutsideZeroOneIsInvalidInputWithTheEstimateKept() {
        for (double alpha : new double[] {0, 1, -0.1, Double.NaN}) {
            FixedHorizonResult result = TwoProportionZTest.test(Units.conversions(3, 10), Units.conversions(5, 10), alpha);
            assertEquals(TestStatus.INVALID_INPUT, result.status());
            assertNotNull(result.estimate().difference());
            assertNull(result.pValue());
            assertNoNaN(result);
        }
    }
}
