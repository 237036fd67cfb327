package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Two-sided test of a ratio metric {@code R = sum y / sum d = ybar / dbar} per variant (e.g. clicks per request),
 * analysed at the randomization unit: each unit contributes its numerator y and denominator d, which are
 * correlated, so the requests are not independent observations. The delta method gives [1, section on ratio
 * metrics, the formula for {@code Var(Ybar/Xbar)}]:
 * <pre>
 *   Var(R) ~ (1 / n) (s_y^2 / dbar^2 - 2 ybar s_yd / dbar^3 + ybar^2 s_d^2 / dbar^4)
 *   z = (R_T - R_C) / sqrt(Var(R_C) + Var(R_T)),   p = 2 (1 - Phi(|z|)),   CI = R_T - R_C +- z_{1 - alpha/2} SE
 * </pre>
 * with the sample (co)variances {@code s} over units (n - 1 in the denominator) and a normal reference, as in [1].
 * The relative interval is {@link RelativeLift} applied to the two ratios and their delta-method variances.
 *
 * <p>Degenerate input: fewer than 2 units gives NOT_ENOUGH_DATA; a mean denominator that is not positive, NaN,
 * infinite or negative fields, or co-moments that imply a negative variance give INVALID_INPUT; a zero variance
 * in both variants (y proportional to d in every unit) gives ZERO_VARIANCE with the difference but no statistic.
 *
 * <p>References:
 * <ol>
 *   <li>A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 *       Ideas", KDD 2018, arXiv:1803.06336.</li>
 * </ol>
 */
public final class DeltaMethodRatioTest {

    private DeltaMethodRatioTest() {}

    public static Estimate estimate(SufficientStatistics control, SufficientStatistics treatment) {
        String invalid = InputScreen.firstProblem(
                InputScreen.invalidSummary(control, "control"), InputScreen.invalidSummary(treatment, "treatment"),
                InputScreen.invalidDenominator(control, "control"),
                InputScreen.invalidDenominator(treatment, "treatment"));
        if (invalid != null) {
            return InputScreen.invalid(invalid, control, treatment, Double.POSITIVE_INFINITY);
        }
        String tooFew = InputScreen.notEnoughData(control, treatment);
        if (tooFew != null) {
            return InputScreen.notEnoughData(tooFew, control, treatment, s -> s.meanY() / s.meanD(),
                    Double.POSITIVE_INFINITY);
        }
        return LinearizedMean.normalDifference(LinearizedMean.ofRatio(control), LinearizedMean.ofRatio(treatment),
                control, treatment);
    }

    public static FixedHorizonResult test(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        return FixedHorizonInference.test(estimate(control, treatment), alpha);
    }
}
