package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Welch's two-sided t test of two independent means with unequal variances:
 * <pre>
 *   SE = sqrt(sC^2 / nC + sT^2 / nT)
 *   t  = (ybarT - ybarC) / SE
 *   df = SE^4 / ((sC^2 / nC)^2 / (nC - 1) + (sT^2 / nT)^2 / (nT - 1))      Welch-Satterthwaite [1, 2]
 *   p  = 2 P(T_df > |t|),   CI = ybarT - ybarC +- t_{df, 1 - alpha/2} SE
 * </pre>
 * with {@code s^2} the sample variances (n - 1 in the denominator). Same numbers as scipy
 * {@code stats.ttest_ind(t, c, equal_var=False)} and {@code ttest_ind_from_stats(..., equal_var=False)}. The
 * relative interval is the delta-method one of {@link RelativeLift}, with the same t quantile.
 *
 * <p>Degenerate input: fewer than 2 units in a variant gives NOT_ENOUGH_DATA; both sample variances 0 gives
 * ZERO_VARIANCE with the difference but no statistic; NaN, infinite or negative fields give INVALID_INPUT. Where
 * the degrees of freedom are undefined (not enough data, both variances 0, invalid input) they are reported as
 * 0, since the record field cannot be null. The standard error and the degrees of freedom are computed from the
 * two variances divided by the larger one, so no square overflows or underflows for finite summaries (values near
 * 1e150 or spreads of 1e78 included); a difference or standard error beyond the double range is INVALID_INPUT.
 *
 * <p>References:
 * <ol>
 *   <li>B. L. Welch, "The generalization of 'Student's' problem when several different population variances are
 *       involved", Biometrika 34 (1947) 28-35, doi:10.1093/biomet/34.1-2.28.</li>
 *   <li>F. E. Satterthwaite, "An approximate distribution of estimates of variance components", Biometrics
 *       Bulletin 2 (1946) 110-114, doi:10.2307/3002019.</li>
 * </ol>
 */
public final class WelchTTest {

    private WelchTTest() {}

    public static Estimate estimate(SufficientStatistics control, SufficientStatistics treatment) {
        String invalid = InputScreen.firstProblem(
                InputScreen.invalidSummary(control, "control"), InputScreen.invalidSummary(treatment, "treatment"));
        if (invalid != null) {
            return InputScreen.invalid(invalid, control, treatment, 0);
        }
        String tooFew = InputScreen.notEnoughData(control, treatment);
        if (tooFew != null) {
            return InputScreen.notEnoughData(tooFew, control, treatment, SufficientStatistics::meanY, 0);
        }
        LinearizedMean c = LinearizedMean.ofMean(control);
        LinearizedMean t = LinearizedMean.ofMean(treatment);
        double vc = c.varianceOfEstimate();
        double vt = t.varianceOfEstimate();
        double largest = Math.max(vc, vt);
        double se = Math.sqrt(largest) * Math.sqrt(vc / largest + vt / largest);
        RelativeLift lift = RelativeLift.of(c.estimate(), vc, t.estimate(), vt);
        double difference = t.estimate() - c.estimate();
        if (!(se > 0)) {
            return InputScreen.withinDoubleRange(new Estimate(TestStatus.ZERO_VARIANCE,
                    "every unit has the same value within each variant (means " + c.estimate() + " and "
                            + t.estimate() + "): the difference has no variance",
                    control.n(), c.estimate(), treatment.n(), t.estimate(), difference, 0.0,
                    lift.relative(), lift.standardError(), 0), control, treatment);
        }
        return InputScreen.withinDoubleRange(new Estimate(TestStatus.OK, null, control.n(), c.estimate(),
                treatment.n(), t.estimate(), difference, se, lift.relative(), lift.standardError(),
                WelchSatterthwaite.degreesOfFreedom(vc, control.n() - 1, vt, treatment.n() - 1)), control, treatment);
    }

    public static FixedHorizonResult test(SufficientStatistics control, SufficientStatistics treatment,
            double alpha) {
        return FixedHorizonInference.test(estimate(control, treatment), alpha);
    }
}
