package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Regression adjustment with a pre-experiment covariate c (CUPED, control variates [1]). Each variant k has n_k
 * units with values z (a mean's y, or a ratio's delta-method influence values, see {@code LinearizedMean}), mean
 * m_k, covariate mean cbar_k and within-variant co-moments C_zz,k, C_zc,k, C_cc,k; C_cc = C_cc,C + C_cc,T:
 * <pre>
 *   theta = (C_zc,C + C_zc,T) / C_cc                                                                 [1]   (1)
 *   m_adj,k = m_k - theta (cbar_k - cbar),   cbar the covariate mean over both variants             [1]   (2)
 *   nu_k = n_k - 1 - C_cc,k / C_cc                                                                         (3)
 *   s_k^2 = (C_zz,k - 2 theta C_zc,k + theta^2 C_cc,k) / nu_k                                              (4)
 *   Var(theta) = (s_C^2 C_cc,C + s_T^2 C_cc,T) / C_cc^2                                                    (5)
 *   Var(m_adj,k) = s_k^2 / n_k + (cbar_k - cbar)^2 Var(theta),
 *   Cov(m_adj,C, m_adj,T) = (cbar_C - cbar)(cbar_T - cbar) Var(theta)                                      (6)
 *   SE^2 = sum over k of V_k,   V_k = s_k^2 (1 / n_k + (cbar_T - cbar_C)^2 C_cc,k / C_cc^2)          [5, 6] (7)
 *   df = SE^4 / (V_C^2 / nu_C + V_T^2 / nu_T)                                                    [3, 4] (8)
 *   t = (m_adj,T - m_adj,C) / SE,   p = 2 P(T_df > |t|),   CI = difference +- t_{df, 1 - alpha/2} SE
 * </pre>
 * One theta for both variants keeps the adjustment from absorbing a treatment effect; it is the slope of the
 * ordinary least squares fit {@code z ~ treatment + c}, and the adjusted difference {@code m_T - m_C - theta
 * (cbar_T - cbar_C)} is that fit's treatment coefficient exactly. The adjusted means stay on the scale of the
 * metric. The lift ({@link RelativeLift}) is the adjusted treatment mean over the adjusted control mean, with the
 * variances and the covariance (6) that their shared theta gives them.
 *
 * <p>The standard error (7) is heteroskedasticity-robust: the sandwich {@code sum over units of a_i^2 omega_i}
 * [5, 6], a_i the fit's weight of unit i in the treatment coefficient ({@code +-1/n_k - (cbar_T - cbar_C)(c_i -
 * cbar_k) / C_cc}), with {@code omega_i = s_k^2} for every unit of variant k. HC2 [6] takes
 * {@code omega_i = e_i^2 / (1 - h_ii)} unit by unit, e the residual and {@code h_ii = 1/n_k + (c_i - cbar_k)^2 /
 * C_cc} the leverage; (4) is the ratio of their sums over the variant ({@code nu_k} is the sum of
 * {@code 1 - h_ii}; {@code nu_C + nu_T = N - 3}, the fit's residual degrees of freedom): what the co-moments allow,
 * and unbiased when the residual variance is constant within the variant. With one {@code s^2 = RSS / (N - 3)}
 * for both variants (7) is the OLS (non-robust) variance exactly; with a covariate without variance (C_cc = 0,
 * theta = 0) the whole test is Welch's, as HC2 is Welch's SE for two groups [7]. The OLS SE is not used: it
 * assumes equal residual variances, and with unequal variant sizes it is then wrong by any factor when they
 * differ (the Behrens-Fisher problem; Lin [5]: the robust SE is valid for regression adjustment in randomized
 * experiments, the OLS one need not be). Against statsmodels 0.15.0 (regression_adjustment.csv), SE / HC2 and
 * SE / OLS: 13 vs 620 units, equal residual variances, 1.0017 and 0.78 (log-normal residuals: 0.9989 and 0.80);
 * 39 vs 660, residual standard deviations 3 and 1, 0.9992 and 2.52; 91 vs 900, 1 and 3, 0.9991 and 0.47; 300
 * units per variant and more, within 0.13% of HC2; 6 vs 9 units 1.047 and 0.98, a ratio at 12 vs 12 1.21 and
 * 1.005. Both SEs are consistent; beyond a handful of units they part only where the residual variance changes
 * with c inside a variant, which per-unit values show and co-moments do not (standard deviation proportional to
 * c, 200 data sets each, cuped_small_samples.py beside make_references.py: SE / HC2 from 0.95 to 1.04 for c
 * log-normal(2, 0.5); from 0.75 to 1.06 at 13 vs 620 and 0.78 to 1.12 at 91 vs 900 for c log-normal(2, 1);
 * medians 1.00).
 *
 * <p>The reference is Student's t with the Welch-Satterthwaite degrees of freedom (8) [3, 4] (Imbens and Kolesar [7]
 * advise HC2 with a Satterthwaite-type t reference over the normal one): each {@code s_k^2} counted with its {@code
 * nu_k}, which lies between n_k - 1 (Welch's, without a covariate) and n_k - 2, since the shared slope takes the
 * fraction {@code C_cc,k / C_cc} of one degree of freedom from variant k. A/A false-positive rates at alpha 0.05,
 * 10,000 experiments each ({@code RegressionAdjustmentSimulationTest}: c log-normal(2, 0.5), y = 0.8 c + residual),
 * with in brackets the former version of this class (normal reference, {@code s_k^2 = var(z - theta c)} with n_k - 1,
 * no covariate imbalance term): 20 vs 600 units with Gamma(16, 1) residuals (skewness 0.5) 0.0549 [0.0664]; 600 vs 20
 * 0.0511 [0.0652]; 10 vs 10 0.0510 [0.0831; 0.0642 with the t reference alone]; 40 vs 600 with Gamma(4, 1) residuals
 * (skewness 1) 0.0537 [0.0603]. When one variant is small, the skewness g1 of the residual drives the rate up whatever
 * the reference: at 20 vs 600 units (100,000 experiments, cuped_small_samples.py) it is 0.0496 for normal residuals,
 * 0.0517 for g1 = 0.5, 0.0568 for 1, 0.0653 for 1.41 (Gamma(2, 1)), 0.0670 for 1.75 (log-normal(0, 0.5)) and 0.123 for
 * 6.2 (log-normal(0, 1), the residual of the large-sample tests), against 0.063 to 0.136 before. With about {@code 25
 * g1^2} units in the smaller variant (Cochran's rule [8]) the rate was 0.051 to 0.057 for the last four. The co-moments
 * hold no third moments, so no skewness correction is made.
 *
 * <p>Ratio metrics are adjusted on their influence values, {@code z_i = (y_i - R d_i) / dbar}, the
 * linearization under which the delta method is exact to first order [2]; the covariate is the unit's
 * pre-experiment value, as for means. Their A/A rate with Poisson-gamma clicks per request (0.4 clicks per unit
 * on average, pre-period clicks as covariate) is 0.050 at 1,000 vs 1,000 units, 0.055 to 0.058 at 100 to 200 vs
 * 1,000 (5,000 experiments) and 0.083 at 20 vs 600 (0.097 before): counts that sparse are too skewed for 20 units.
 *
 * <p>Degenerate input as for the unadjusted tests: NOT_ENOUGH_DATA below 2 units (and when nu_k = 0: 2 units in a
 * variant and no covariate variance in the other), INVALID_INPUT for NaN, infinite, negative or inconsistent fields
 * (and a non-positive mean denominator of a ratio), ZERO_VARIANCE when both s_k^2 are 0 (the outcome is an exact
 * linear function of the covariate). Degrees of freedom that are undefined there are reported as 0.
 *
 * <p>References:
 * <ol>
 *   <li>A. Deng, Y. Xu, R. Kohavi, T. Walker, "Improving the Sensitivity of Online Controlled Experiments by
 *       Utilizing Pre-Experiment Data", WSDM 2013, doi:10.1145/2433396.2433413, the section on control
 *       variates.</li>
 *   <li>A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 *       Ideas", KDD 2018, arXiv:1803.06336.</li>
 *   <li>B. L. Welch, "The generalization of 'Student's' problem when several different population variances are
 *       involved", Biometrika 34 (1947) 28-35, doi:10.1093/biomet/34.1-2.28.</li>
 *   <li>F. E. Satterthwaite, "An approximate distribution of estimates of variance components", Biometrics
 *       Bulletin 2 (1946) 110-114, doi:10.2307/3002019.</li>
 *   <li>W. Lin, "Agnostic notes on regression adjustments to experimental data: Reexamining Freedman's critique",
 *       Annals of Applied Statistics 7 (2013) 295-318, doi:10.1214/12-AOAS583.</li>
 *   <li>J. G. MacKinnon, H. White, "Some heteroskedasticity-consistent covariance matrix estimators with improved
 *       finite sample properties", Journal of Econometrics 29 (1985) 305-325,
 *       doi:10.1016/0304-4076(85)90158-7 (HC2).</li>
 *   <li>G. W. Imbens, M. Kolesar, "Robust Standard Errors in Small Samples: Some Practical Advice", Review of
 *       Economics and Statistics 98 (2016) 701-712, doi:10.1162/REST_a_00552.</li>
 *   <li>R. A. Sugden, T. M. F. Smith, R. P. Jones, "Cochran's rule for simple random sampling", Journal of the
 *       Royal Statistical Society B 62 (2000) 787-793, doi:10.1111/1467-9868.00264.</li>
 * </ol>
 */
public final class RegressionAdjustment {

    private RegressionAdjustment() {}

    /** Adjusted difference of means (mean and proportion metrics). */
    public static Estimate estimate(SufficientStatistics control, SufficientStatistics treatment) {
        Estimate rejected = screen(control, treatment, false);
        return rejected != null ? rejected
                : adjusted(LinearizedMean.ofMean(control), LinearizedMean.ofMean(treatment), control, treatment,
                        false);
    }

    public static FixedHorizonResult test(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        return FixedHorizonInference.test(estimate(control, treatment), alpha);
    }

    /** Adjusted difference of ratios {@code ybar / dbar} (ratio metrics). */
    public static Estimate estimateRatio(SufficientStatistics control, SufficientStatistics treatment) {
        Estimate rejected = screen(control, treatment, true);
        return rejected != null ? rejected
                : adjusted(LinearizedMean.ofRatio(control), LinearizedMean.ofRatio(treatment), control, treatment,
                        true);
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
            return InputScreen.invalid(invalid, control, treatment, 0);
        }
        String tooFew = InputScreen.notEnoughData(control, treatment);
        if (tooFew != null) {
            return InputScreen.notEnoughData(tooFew, control, treatment,
                    ratio ? s -> s.meanY() / s.meanD() : SufficientStatistics::meanY, 0);
        }
        return null;
    }

    private static Estimate adjusted(LinearizedMean c, LinearizedMean t, SufficientStatistics control,
            SufficientStatistics treatment, boolean ratio) {
        double covariateCoMoment = c.covariateCoMoment() + t.covariateCoMoment();
        double theta = covariateCoMoment > 0                                                    // (1)
                ? (c.covariateCrossMoment() + t.covariateCrossMoment()) / covariateCoMoment
                : 0;
        double slopeScale = covariateCoMoment > 0 ? 1 / covariateCoMoment : 0;
        double shareC = c.covariateCoMoment() * slopeScale;
        double shareT = t.covariateCoMoment() * slopeScale;
        double residualC = residualCoMoment(c, theta);
        double residualT = residualCoMoment(t, theta);
        if (Double.isNaN(residualC) || Double.isNaN(residualT)) {
            return InputScreen.invalid("the co-moments imply a negative variance: control " + control
                    + ", treatment " + treatment, control, treatment, 0);
        }
        double nuC = c.n() - 1 - shareC;                                                        // (3)
        double nuT = t.n() - 1 - shareT;
        if (!(nuC > 0 && nuT > 0)) {
            return InputScreen.notEnoughData("2 units in a variant and no covariate variance in the other: the "
                    + "common slope leaves that variant no residual to estimate its variance from (control "
                    + control + ", treatment " + treatment + ")", control, treatment,
                    ratio ? s -> s.meanY() / s.meanD() : SufficientStatistics::meanY, 0);
        }
        double s2C = residualC / nuC;                                                           // (4)
        double s2T = residualT / nuT;
        double thetaVariance = (s2C * shareC + s2T * shareT) * slopeScale;                      // (5)
        double pooledCovariateMean = c.covariateMean()
                + (t.covariateMean() - c.covariateMean()) * t.n() / (double) (c.n() + t.n());
        double offsetC = c.covariateMean() - pooledCovariateMean;
        double offsetT = t.covariateMean() - pooledCovariateMean;
        double adjustedC = c.estimate() - theta * offsetC;                                      // (2)
        double adjustedT = t.estimate() - theta * offsetT;
        RelativeLift lift = RelativeLift.of(                                                    // (6)
                adjustedC, s2C / c.n() + offsetC * offsetC * thetaVariance,
                adjustedT, s2T / t.n() + offsetT * offsetT * thetaVariance, offsetC * offsetT * thetaVariance);
        double imbalance = t.covariateMean() - c.covariateMean();
        double partC = s2C * (1.0 / c.n() + imbalance * imbalance * shareC * slopeScale);       // (7)
        double partT = s2T * (1.0 / t.n() + imbalance * imbalance * shareT * slopeScale);
        double se = Math.hypot(Math.sqrt(partC), Math.sqrt(partT));
        double difference = adjustedT - adjustedC;
        if (!(se > 0)) {
            return InputScreen.withinDoubleRange(new Estimate(TestStatus.ZERO_VARIANCE, "the outcome is a linear"
                    + " function of the covariate in both variants (adjusted means " + adjustedC + " and " + adjustedT
                    + "): the difference has no variance", c.n(), adjustedC, t.n(), adjustedT, difference, 0.0,
                    lift.relative(), lift.standardError(), 0), control, treatment);
        }
        double df = WelchSatterthwaite.degreesOfFreedom(partC, nuC, partT, nuT);                 // (8)
        return InputScreen.withinDoubleRange(new Estimate(TestStatus.OK, null, c.n(), adjustedC, t.n(), adjustedT,
                difference, se, lift.relative(), lift.standardError(), df), control, treatment);
    }

    private static double residualCoMoment(LinearizedMean m, double theta) {
        double cross = 2 * theta * m.covariateCrossMoment();
        double covariatePart = theta * theta * m.covariateCoMoment();
        return LinearizedMean.nonNegative(m.coMoment() - cross + covariatePart,
                m.coMoment() + Math.abs(cross) + covariatePart);
    }
}
