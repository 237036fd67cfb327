package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Regression adjustment with a pre-experiment covariate c (CUPED, control variates [1]): each variant's estimate
 * m (a mean, or a ratio through its delta-method influence values z, see {@code LinearizedMean}) is replaced by
 * <pre>
 *   m_adj = m - theta (cbar - cbar_pooled)                                                        [1]
 *   theta = sum over variants of C_zc / sum over variants of C_cc  (within-variant co-moments, one theta for both)
 *   Var(m_adj) = (s_z^2 - 2 theta s_zc + theta^2 s_c^2) / n  =  Var(m) (1 - rho^2) at the variant's own theta  [1]
 *   z = (m_adj,T - m_adj,C) / sqrt(Var(m_adj,C) + Var(m_adj,T)),   CI = difference +- z_{1 - alpha/2} SE
 * </pre>
 * with a normal reference. {@code cbar_pooled} is the covariate mean over both variants, so the adjusted means
 * stay on the scale of the metric and their difference is {@code m_T - m_C - theta (cbar_T - cbar_C)}. One theta
 * for both variants keeps the adjustment from absorbing a treatment effect; with the within-variant (pooled)
 * co-moments it is the slope of the ordinary least squares fit {@code y ~ treatment + c}, so the adjusted
 * difference equals that fit's treatment coefficient exactly. The standard errors differ: OLS uses one residual
 * variance for both variants with n - 3 degrees of freedom and a term for the chance imbalance of cbar, this
 * class each variant's own residual variance (unequal variances allowed), a difference of order 1/n relative.
 * The estimate's means are the adjusted ones, so difference = treatmentMean - controlMean and the lift
 * ({@link RelativeLift}) is the adjusted treatment mean over the adjusted control mean, theta taken as fixed.
 *
 * <p>Ratio metrics are adjusted on their influence values, {@code z_i = (y_i - R d_i) / dbar}, the
 * linearization under which the delta method is exact to first order [2]; the covariate is the unit's
 * pre-experiment value, as for means. A covariate without variance (C_cc = 0 in both variants) gives theta = 0:
 * the unadjusted estimate with a normal reference.
 *
 * <p>Degenerate input as for the unadjusted tests: NOT_ENOUGH_DATA below 2 units, INVALID_INPUT for NaN,
 * infinite, negative or inconsistent fields (and a non-positive mean denominator of a ratio), ZERO_VARIANCE when
 * the adjusted variances are 0 in both variants (the outcome is an exact linear function of the covariate).
 *
 * <p>References:
 * <ol>
 *   <li>A. Deng, Y. Xu, R. Kohavi, T. Walker, "Improving the Sensitivity of Online Controlled Experiments by
 *       Utilizing Pre-Experiment Data", WSDM 2013, doi:10.1145/2433396.2433413, the section on control
 *       variates.</li>
 *   <li>A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 *       Ideas", KDD 2018, arXiv:1803.06336.</li>
 * </ol>
 */
public final class RegressionAdjustment {

    private RegressionAdjustment() {}

    /** Adjusted difference of means (mean and proportion metrics). */
    public static Estimate estimate(SufficientStatistics control, SufficientStatistics treatment) {
        Estimate rejected = screen(control, treatment, false);
        return rejected != null ? rejected
                : adjusted(LinearizedMean.ofMean(control), LinearizedMean.ofMean(treatment), control, treatment);
    }

    public static FixedHorizonResult test(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        return FixedHorizonInference.test(estimate(control, treatment), alpha);
    }

    /** Adjusted difference of ratios {@code ybar / dbar} (ratio metrics). */
    public static Estimate estimateRatio(SufficientStatistics control, SufficientStatistics treatment) {
        Estimate rejected = screen(control, treatment, true);
        return rejected != null ? rejected
                : adjusted(LinearizedMean.ofRatio(control), LinearizedMean.ofRatio(treatment), control, treatment);
    }

    public static FixedHorizonResult testRatio(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        return FixedHorizonInference.test(estimateRatio(control, treatment), alpha);
    }

    private static Estimate screen(SufficientStatistics control, SufficientStatistics treatment, boolean ratio) {
        String invalid = InputScreen.firstProblem(
                InputScreen.invalidSummary(control, "control"), InputScreen.invalidSummary(treatment, "treatment"),
                ratio ? InputScreen.invalidDenominator(control, "control") : null,
                ratio ? InputScreen.invalidDenominator(treatment, "treatment") : null);
        if (invalid != null) {
            return InputScreen.invalid(invalid, control, treatment, Double.POSITIVE_INFINITY);
        }
        String tooFew = InputScreen.notEnoughData(control, treatment);
        if (tooFew != null) {
            return InputScreen.notEnoughData(tooFew, control, treatment,
                    ratio ? s -> s.meanY() / s.meanD() : SufficientStatistics::meanY, Double.POSITIVE_INFINITY);
        }
        return null;
    }

    private static Estimate adjusted(LinearizedMean c, LinearizedMean t, SufficientStatistics control,
            SufficientStatistics treatment) {
        double covariateCoMoment = c.covariateCoMoment() + t.covariateCoMoment();
        double theta = covariateCoMoment > 0
                ? (c.covariateCrossMoment() + t.covariateCrossMoment()) / covariateCoMoment
                : 0;
        double pooledCovariateMean = c.covariateMean()
                + (t.covariateMean() - c.covariateMean()) * t.n() / (double) (c.n() + t.n());
        return LinearizedMean.normalDifference(
                adjust(c, theta, pooledCovariateMean), adjust(t, theta, pooledCovariateMean), control, treatment);
    }

    private static LinearizedMean adjust(LinearizedMean m, double theta, double pooledCovariateMean) {
        double cross = 2 * theta * m.covarianceWithCovariate();
        double covariatePart = theta * theta * m.covariateVariance();
        double variance = LinearizedMean.nonNegative(m.variance() - cross + covariatePart,
                m.variance() + Math.abs(cross) + covariatePart);
        double estimate = m.estimate() - theta * (m.covariateMean() - pooledCovariateMean);
        return new LinearizedMean(m.n(), estimate, variance, m.covarianceWithCovariate() - theta * m.covariateVariance(),
                m.covariateMean(), m.covariateVariance(), m.covariateCoMoment());
    }
}
