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
 * {@code mT / mC}, and the standard error in the scaled form, with r = mT / mC,
 * <pre>
 *   SE(lift) = m sqrt( (sqrt(Var(mT)) / m)^2 + (|r| sqrt(Var(mC)) / m)^2 - 2 r Cov(mC, mT) / m^2 ) / |mC|,
 *   m = max( sqrt(Var(mT)), |r| sqrt(Var(mC)) )
 * </pre>
 * which is the same quantity but squares nothing of the metric's scale, so it neither underflows ({@code mC^4} of
 * a mean of 1e-300) nor overflows where the result itself is a double. Both numbers are null (not NaN) when the
 * control mean is 0, where the lift is undefined, and each is null when it lies outside the double range.
 *
 * <p>References:
 * <ol>
 *   <li>A. Deng, U. Knoblich, J. Lu, "Applying the Delta Method in Metric Analytics: A Practical Guide with Novel
 *       Ideas", KDD 2018, arXiv:1803.06336.</li>
 * </ol>
 *
 * @param relative the lift; null when the control mean is 0 or the lift exceeds the double range
 * @param standardError its standard error; null when the lift is null, a variance is not a finite non-negative
 *     number, or the standard error exceeds the double range
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
        if (!Double.isFinite(relative)) {
            return new RelativeLift(null, null);
        }
        if (!(controlVarianceOfMean >= 0 && treatmentVarianceOfMean >= 0 && Double.isFinite(covariance))) {
            return new RelativeLift(relative, null);
        }
        double ratio = treatmentMean / controlMean;
        double a = Math.sqrt(treatmentVarianceOfMean);
        double b = Math.abs(ratio) * Math.sqrt(controlVarianceOfMean);
        double m = Math.max(a, b);
        double se;
        if (m == 0) {
            se = 0;
        } else {
            double inner = (a / m) * (a / m) + (b / m) * (b / m) - 2 * ratio * (covariance / m) / m;
            se = inner >= -1e-12 ? m * Math.sqrt(Math.max(0, inner)) / Math.abs(controlMean) : Double.NaN;
        }
        return new RelativeLift(relative, Double.isFinite(se) ? se : null);
    }
}
