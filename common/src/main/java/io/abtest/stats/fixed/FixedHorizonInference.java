package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import org.apache.commons.statistics.distribution.ContinuousDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * From an estimate to a two-sided test and intervals at level {@code 1 - alpha}:
 * <pre>
 *   statistic = difference / SE_test,   p = 2 P(T > |statistic|)
 *   CI        = difference +- q SE(difference),   relative CI = lift +- q SE(lift),   q = T^{-1}(1 - alpha / 2)
 * </pre>
 * with T the standard normal when the estimate's degrees of freedom are infinite and Student's t with those
 * degrees of freedom otherwise. {@code SE_test} is the standard error under the null hypothesis: the pooled one
 * for the two-proportion z test, the estimate's own otherwise. The relative interval uses the same quantile as
 * the absolute one.
 *
 * <p>A statistic or an interval of the difference beyond the double range (finite summaries of extreme size) is
 * INVALID_INPUT with the numbers in the detail; a relative interval beyond it is null, as the lift then is.
 */
final class FixedHorizonInference {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private FixedHorizonInference() {}

    static FixedHorizonResult test(Estimate estimate, double testStandardError, double alpha) {
        String badAlpha = InputScreen.invalidAlpha(alpha);
        if (badAlpha != null) {
            return withoutTest(estimate, TestStatus.INVALID_INPUT, badAlpha);
        }
        if (estimate.status() == TestStatus.INVALID_INPUT || estimate.status() == TestStatus.NOT_ENOUGH_DATA) {
            return withoutTest(estimate, estimate.status(), estimate.detail());
        }
        if (!(testStandardError > 0)) {
            String detail = estimate.status() == TestStatus.ZERO_VARIANCE ? estimate.detail()
                    : "the standard error under the null hypothesis is 0: no test statistic exists";
            return withoutTest(estimate, TestStatus.ZERO_VARIANCE, detail);
        }
        ContinuousDistribution reference = reference(estimate.degreesOfFreedom());
        double statistic = estimate.difference() / testStandardError;
        if (!Double.isFinite(statistic)) {
            return withoutTest(estimate, TestStatus.INVALID_INPUT, "the test statistic " + estimate.difference()
                    + " / " + testStandardError + " lies outside the double range");
        }
        double p = Math.min(1, 2 * reference.survivalProbability(Math.abs(statistic)));
        double q = reference.inverseSurvivalProbability(alpha / 2);
        Interval absolute = around(estimate.difference(), q * estimate.differenceStandardError());
        if (absolute == null) {
            return withoutTest(estimate, TestStatus.INVALID_INPUT, "the confidence interval " + estimate.difference()
                    + " +- " + q + " x " + estimate.differenceStandardError() + " lies outside the double range");
        }
        Interval relative = estimate.relative() == null || estimate.relativeStandardError() == null ? null
                : around(estimate.relative(), q * estimate.relativeStandardError());
        return new FixedHorizonResult(estimate, TestStatus.OK, null, absolute, relative, statistic, p);
    }

    static FixedHorizonResult test(Estimate estimate, double alpha) {
        Double se = estimate.differenceStandardError();
        return test(estimate, se == null ? Double.NaN : se, alpha);
    }

    private static FixedHorizonResult withoutTest(Estimate estimate, TestStatus status, String detail) {
        return new FixedHorizonResult(estimate, status, detail, null, null, null, null);
    }

    private static ContinuousDistribution reference(double degreesOfFreedom) {
        return Double.isInfinite(degreesOfFreedom) ? STANDARD_NORMAL : TDistribution.of(degreesOfFreedom);
    }

    /** centre +- halfWidth; null when a bound lies outside the double range. */
    private static Interval around(double centre, double halfWidth) {
        double low = centre - halfWidth;
        double high = centre + halfWidth;
        return Double.isFinite(low) && Double.isFinite(high) ? new Interval(low, high) : null;
    }
}
