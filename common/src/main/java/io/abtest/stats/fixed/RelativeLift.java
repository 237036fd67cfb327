package io.abtest.stats.fixed;

/**
 * The relative effect (lift) of treatment over control and its standard error by the delta method:
 * <pre>
 *   lift = mT / mC - 1 = (mT - mC) / mC
 *   Var(lift) ~ Var(mT) / mC^2 + mT^2 Var(mC) / mC^4 - 2 mT Cov(mC, mT) / mC^3
 * </pre>
 * for variant means (or ratios, or adjusted means) {@code mC}, {@code mT} with variances {@code Var(mC)},
 * {@code Var(mT)}: the first-order Taylor expansion of {@code mT / mC} around the means [1, section "percent
 * change"]. The covariance is 0 for independent variants; regression-adjusted means share their slope and pass
 * theirs. Computed as {@code (mT - mC) / mC} so that a lift of 1e-9 on a mean of 1e9 is not lost to rounding in
 * {@code mT / mC}.
 * Both numbers are null (not NaN) when the control mean is 0, where the lift is undefined.
 *
 * <p>References:
 * <ol>
 *   <li>A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 *       Ideas", KDD 2018, arXiv:1803.06336.</li>
 * </ol>
 *
 * @param relative the lift; null when the control mean is 0
 * @param standardError its standard error; null when the control mean is 0 or a variance is not a number
 */
public record RelativeLift(Double relative, Double standardError) {

    public static RelativeLift of(double controlMean, double controlVarianceOfMean,
            double treatmentMean, double treatmentVarianceOfMean) {
        return of(controlMean, controlVarianceOfMean, treatmentMean, treatmentVarianceOfMean, 0);
    }

    /** With the covariance {@code Cov(mC, mT)} of the two estimates. */
    public static RelativeLift of(double controlMean, double controlVarianceOfMean,
            double treatmentMean, double treatmentVarianceOfMean, double covariance) {
        if (controlMean == 0 || !Double.isFinite(controlMean) || !Double.isFinite(treatmentMean)) {
            return new RelativeLift(null, null);
        }
        double relative = (treatmentMean - controlMean) / controlMean;
        double c2 = controlMean * controlMean;
        double variance = treatmentVarianceOfMean / c2
                + treatmentMean * treatmentMean * controlVarianceOfMean / (c2 * c2)
                - (covariance == 0 ? 0 : 2 * treatmentMean * covariance / (c2 * controlMean));
        double se = Math.sqrt(variance);
        return new RelativeLift(relative, Double.isFinite(se) ? se : null);
    }
}
