package io.abtest.stats.fixed;

import io.abtest.config.MetricSpec.MetricKind;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Which fixed-horizon test a metric gets:
 * <table>
 *   <caption>method per metric kind</caption>
 *   <tr><th>kind</th><th>no covariate</th><th>covariate configured</th></tr>
 *   <tr><td>PROPORTION</td><td>{@link TwoProportionZTest}</td><td>{@link RegressionAdjustment#test}</td></tr>
 *   <tr><td>MEAN</td><td>{@link WelchTTest}</td><td>{@link RegressionAdjustment#test}</td></tr>
 *   <tr><td>RATIO</td><td>{@link DeltaMethodRatioTest}</td><td>{@link RegressionAdjustment#testRatio}</td></tr>
 * </table>
 */
public final class FixedHorizonTests {

    private FixedHorizonTests() {}

    /**
     * @param kind the metric's kind
     * @param adjusted whether the metric names a covariate (the summaries then carry it)
     * @param alpha two-sided level; the intervals have coverage 1 - alpha
     */
    public static FixedHorizonResult test(MetricKind kind, boolean adjusted, SufficientStatistics control,
            SufficientStatistics treatment, double alpha) {
        return switch (kind) {
            case PROPORTION -> adjusted ? RegressionAdjustment.test(control, treatment, alpha)
                    : TwoProportionZTest.test(control, treatment, alpha);
            case MEAN -> adjusted ? RegressionAdjustment.test(control, treatment, alpha)
                    : WelchTTest.test(control, treatment, alpha);
            case RATIO -> adjusted ? RegressionAdjustment.testRatio(control, treatment, alpha)
                    : DeltaMethodRatioTest.test(control, treatment, alpha);
        };
    }
}
