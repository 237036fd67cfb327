package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * One variant's estimate written as the mean of per-unit influence values {@code z_i}, which is what the tests
 * and the regression adjustment need: the estimate, {@code Var(z)} (so that {@code Var(estimate) ~ Var(z) / n})
 * and {@code Cov(z, c)} with the covariate.
 * <ul>
 *   <li>Mean or proportion metric: {@code z_i = y_i}, the estimate is {@code ybar}.</li>
 *   <li>Ratio metric {@code R = ybar / dbar} (delta method, Deng, Knoblich and Lu 2018, eq. for
 *       {@code Var(Ybar/Xbar)}): {@code z_i = (y_i - R d_i) / dbar}, so
 *       {@code Var(z) = (Var(y) - 2 R Cov(y, d) + R^2 Var(d)) / dbar^2} and
 *       {@code Cov(z, c) = (Cov(y, c) - R Cov(d, c)) / dbar}.</li>
 * </ul>
 * A variance that comes out below 0 only by rounding (when y is proportional to d) is taken as 0; one that is
 * clearly negative means the co-moments are inconsistent and is reported as NaN, and one whose terms overflow
 * as +infinity; {@link #normalDifference} turns both into INVALID_INPUT with their own detail.
 *
 * <p>Precision: for a ratio, {@code C_yy - 2 R C_yd + R^2 C_dd} cancels when y is nearly proportional to d
 * with a varying d and a large R (e.g. revenue of 1e9 per request): the relative error grows like
 * {@code eps R^2 C_dd / C_zz}. Constant denominators, or ratios of ordinary size, are not affected.
 */
record LinearizedMean(
        long n,
        double estimate,
        double variance,
        double covarianceWithCovariate,
        double covariateMean,
        double covariateVariance,
        double covariateCoMoment) {

    static LinearizedMean ofMean(SufficientStatistics s) {
        return new LinearizedMean(s.n(), s.meanY(), s.varianceY(), s.covarianceYC(),
                s.meanC(), s.varianceC(), s.cCC());
    }

    static LinearizedMean ofRatio(SufficientStatistics s) {
        double dbar = s.meanD();
        double ratio = s.meanY() / dbar;
        double coMoment = s.cYY() - 2 * ratio * s.cYD() + ratio * ratio * s.cDD();
        double scale = s.cYY() + 2 * Math.abs(ratio * s.cYD()) + ratio * ratio * s.cDD();
        double variance = nonNegative(coMoment, scale) / (s.n() - 1) / dbar / dbar;
        double covariance = (s.cYC() - ratio * s.cDC()) / (s.n() - 1) / dbar;
        return new LinearizedMean(s.n(), ratio, variance, covariance, s.meanC(), s.varianceC(), s.cCC());
    }

    /** The normal-reference estimate of two variants' linearized estimates (ratios, or adjusted means). */
    static Estimate normalDifference(LinearizedMean c, LinearizedMean t, SufficientStatistics control,
            SufficientStatistics treatment) {
        if (!Double.isFinite(c.estimate()) || !Double.isFinite(t.estimate())
                || c.variance() == Double.POSITIVE_INFINITY || t.variance() == Double.POSITIVE_INFINITY) {
            return InputScreen.invalid("the estimates (" + c.estimate() + ", " + t.estimate() + ") or their variances ("
                    + c.variance() + ", " + t.variance() + ") lie outside the double range for these summaries: control "
                    + control + ", treatment " + treatment, control, treatment, Double.POSITIVE_INFINITY);
        }
        if (Double.isNaN(c.variance()) || Double.isNaN(t.variance())) {
            return InputScreen.invalid("the co-moments imply a negative variance: control " + control
                    + ", treatment " + treatment, control, treatment, Double.POSITIVE_INFINITY);
        }
        double vc = c.varianceOfEstimate();
        double vt = t.varianceOfEstimate();
        double se = Math.hypot(Math.sqrt(vc), Math.sqrt(vt));
        RelativeLift lift = RelativeLift.of(c.estimate(), vc, t.estimate(), vt);
        TestStatus status = se > 0 ? TestStatus.OK : TestStatus.ZERO_VARIANCE;
        String detail = se > 0 ? null
                : "the per-unit values leave no variance in either variant (estimates " + c.estimate() + " and "
                        + t.estimate() + "): the difference has no variance";
        return InputScreen.withinDoubleRange(new Estimate(status, detail, c.n(), c.estimate(), t.n(), t.estimate(),
                t.estimate() - c.estimate(), se, lift.relative(), lift.standardError(), Double.POSITIVE_INFINITY),
                control, treatment);
    }

    double varianceOfEstimate() {
        return variance / n;
    }

    /** Sum of squared deviations of the influence values, {@code (n - 1) Var(z)}. */
    double coMoment() {
        return variance * (n - 1);
    }

    /** Co-moment of the influence values with the covariate, {@code (n - 1) Cov(z, c)}. */
    double covariateCrossMoment() {
        return covarianceWithCovariate * (n - 1);
    }

    /**
     * A co-moment that is negative only by rounding (within 1e-12 of the sum of its terms' sizes) is 0; one that is
     * clearly negative is NaN (inconsistent co-moments); +infinity when the terms themselves overflow.
     */
    static double nonNegative(double value, double scale) {
        if (!Double.isFinite(scale)) {
            return Double.POSITIVE_INFINITY;
        }
        if (value >= 0) {
            return value;
        }
        return value >= -1e-12 * scale ? 0 : Double.NaN;
    }
}
