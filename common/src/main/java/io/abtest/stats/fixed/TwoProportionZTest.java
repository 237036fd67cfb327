package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Two-sided z test of two independent proportions (units with 0/1 values; {@code p = meanY}):
 * <pre>
 *   pooled  p = (nC pC + nT pT) / (nC + nT)
 *   z       = (pT - pC) / sqrt(p (1 - p) (1 / nC + 1 / nT))              pooled, for the statistic and p-value [1]
 *   SE      = sqrt(pC (1 - pC) / nC + pT (1 - pT) / nT)                   unpooled, for the interval (Wald) [1]
 *   CI      = pT - pC +- z_{1 - alpha/2} SE
 * </pre>
 * The pooled variance is the variance of the difference under the null hypothesis pC = pT, which is what the
 * statistic is compared with; away from the null it is wrong, so the interval uses the unpooled one. The
 * relative lift's interval uses {@link RelativeLift} with the unpooled variances. Same numbers as statsmodels
 * {@code proportions_ztest(count, nobs)} and {@code confint_proportions_2indep(..., compare='diff',
 * method='wald')} [2].
 *
 * <p>Degenerate input: a variant with fewer than 2 units gives NOT_ENOUGH_DATA; a pooled rate of 0 or 1 (no unit,
 * or every unit, converted in both variants) gives ZERO_VARIANCE with the (zero) difference but no statistic
 * (rates 0 in one variant and 1 in the other leave the pooled variance positive: the test is OK, the estimate
 * ZERO_VARIANCE and the interval a point);
 * a rate outside [0, 1] or unit values other than 0/1 give INVALID_INPUT.
 *
 * <p>References:
 * <ol>
 *   <li>J. L. Fleiss, B. Levin, M. C. Paik, "Statistical Methods for Rates and Proportions", 3rd ed., Wiley 2003,
 *       chapter 3 (the fourfold table; we use no continuity correction), doi:10.1002/0471445428.</li>
 *   <li>statsmodels {@code statsmodels.stats.proportion.proportions_ztest} and
 *       {@code confint_proportions_2indep}.</li>
 * </ol>
 */
public final class TwoProportionZTest {

    private TwoProportionZTest() {}

    public static Estimate estimate(SufficientStatistics control, SufficientStatistics treatment) {
        String invalid = InputScreen.firstProblem(
                InputScreen.invalidSummary(control, "control"), InputScreen.invalidSummary(treatment, "treatment"),
                InputScreen.invalidProportion(control, "control"),
                InputScreen.invalidProportion(treatment, "treatment"));
        if (invalid != null) {
            return InputScreen.invalid(invalid, control, treatment, Double.POSITIVE_INFINITY);
        }
        String tooFew = InputScreen.notEnoughData(control, treatment);
        if (tooFew != null) {
            return InputScreen.notEnoughData(tooFew, control, treatment, SufficientStatistics::meanY,
                    Double.POSITIVE_INFINITY);
        }
        double pC = control.meanY();
        double pT = treatment.meanY();
        double varianceC = pC * (1 - pC) / control.n();
        double varianceT = pT * (1 - pT) / treatment.n();
        double se = Math.sqrt(varianceC + varianceT);
        RelativeLift lift = RelativeLift.of(pC, varianceC, pT, varianceT);
        TestStatus status = se > 0 ? TestStatus.OK : TestStatus.ZERO_VARIANCE;
        String detail = se > 0 ? null
                : "every unit has the same outcome within each variant (rates " + pC + " and " + pT
                        + "): the difference has no variance";
        return new Estimate(status, detail, control.n(), pC, treatment.n(), pT, pT - pC, se,
                lift.relative(), lift.standardError(), Double.POSITIVE_INFINITY);
    }

    public static FixedHorizonResult test(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        Estimate estimate = estimate(control, treatment);
        if (estimate.status() == TestStatus.INVALID_INPUT || estimate.status() == TestStatus.NOT_ENOUGH_DATA) {
            return FixedHorizonInference.test(estimate, alpha);
        }
        long n = control.n() + treatment.n();
        double pooled = (control.sumY() + treatment.sumY()) / n;
        double pooledSe = Math.sqrt(pooled * (1 - pooled) * (1.0 / control.n() + 1.0 / treatment.n()));
        return FixedHorizonInference.test(estimate, pooledSe, alpha);
    }

}
