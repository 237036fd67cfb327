package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.config.MetricSpec.MetricKind;
import io.abtest.stats.summary.SufficientStatistics;
import org.junit.jupiter.api.Test;

class FixedHorizonTestsTest {

    private static final SufficientStatistics CONTROL = SufficientStatistics.EMPTY
            .add(0, 2, 1).add(1, 3, 0).add(1, 1, 1).add(0, 4, 0).add(1, 2, 1);
    private static final SufficientStatistics TREATMENT = SufficientStatistics.EMPTY
            .add(1, 2, 1).add(1, 3, 0).add(0, 1, 0).add(1, 5, 1).add(1, 2, 1).add(0, 2, 0);

    @Test
    void eachKindGetsItsMethod() {
        assertEquals(TwoProportionZTest.test(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.PROPORTION, false, CONTROL, TREATMENT, 0.05));
        assertEquals(WelchTTest.test(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.MEAN, false, CONTROL, TREATMENT, 0.05));
        assertEquals(DeltaMethodRatioTest.test(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.RATIO, false, CONTROL, TREATMENT, 0.05));
    }

    @Test
    void aCovariateSelectsRegressionAdjustment() {
        assertEquals(RegressionAdjustment.test(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.PROPORTION, true, CONTROL, TREATMENT, 0.05));
        assertEquals(RegressionAdjustment.test(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.MEAN, true, CONTROL, TREATMENT, 0.05));
        assertEquals(RegressionAdjustment.testRatio(CONTROL, TREATMENT, 0.05),
                FixedHorizonTests.test(MetricKind.RATIO, true, CONTROL, TREATMENT, 0.05));
    }
}
