package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;

/**
 * The Benjamini-Hochberg step-up correction, controlling the false discovery rate (the expected share of false
 * rejections among the rejections) for independent or positively dependent tests. With the p-values sorted,
 * p_(1) &lt;= ... &lt;= p_(m):
 * <pre>
 *   (1)  p~_(i) = min_{j &gt;= i} min(1, m p_(j) / j)
 * </pre>
 * Rejecting p~_(i) &lt;= q is the procedure of [1]: find the largest k with p_(k) &lt;= k q / m and reject
 * H_(1), ..., H_(k). Tied p-values get the same adjusted value.
 *
 * <p>References:
 * <ol>
 *   <li>Y. Benjamini, Y. Hochberg, "Controlling the False Discovery Rate: A Practical and Powerful Approach to
 *       Multiple Testing", Journal of the Royal Statistical Society B 57(1) (1995), 289-300,
 *       doi:10.1111/j.2517-6161.1995.tb02031.x.</li>
 *   <li>D. Yekutieli, Y. Benjamini, "Resampling-based false discovery rate controlling multiple test procedures
 *       for correlated test statistics", Journal of Statistical Planning and Inference 82 (1999), 171-196,
 *       doi:10.1016/S0378-3758(99)00041-5 (adjusted p-values).</li>
 * </ol>
 * Checked against statsmodels {@code multipletests(method='fdr_bh')} in {@code BenjaminiHochbergTest}.
 */
public final class BenjaminiHochberg implements PValueAdjustment {

    @Override
    public MultipleTestingCorrection method() {
        return MultipleTestingCorrection.BENJAMINI_HOCHBERG;
    }

    @Override
    public double[] adjustComplete(double[] pValues) {
        int m = pValues.length;
        int[] order = PValueAdjustment.ascendingOrder(pValues);
        double[] adjusted = new double[m];
        double runningMinimum = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            // (1), with the factor m / j rounded first: it is exactly 1 at j = m and exactly m at j = 1, so the
            // adjusted value is never below p_(j) nor above Holm's by rounding
            runningMinimum = Math.min(runningMinimum, pValues[i] * ((double) m / rank));
            adjusted[i] = runningMinimum;
        }
        return adjusted;
    }
}
