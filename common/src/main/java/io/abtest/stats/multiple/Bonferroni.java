package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;

/**
 * Bonferroni's correction, controlling the family-wise error rate under any dependence between the tests. For a
 * family of m p-values:
 * <pre>
 *   (1)  p~_i = min(1, m p_i)
 * </pre>
 * Rejecting p~_i &lt;= a is rejecting p_i &lt;= a / m.
 *
 * <p>References:
 * <ol>
 *   <li>O. J. Dunn, "Multiple Comparisons among Means", Journal of the American Statistical Association 56(293)
 *       (1961), 52-64, doi:10.1080/01621459.1961.10482090.</li>
 *   <li>S. P. Wright, "Adjusted P-Values for Simultaneous Inference", Biometrics 48(4) (1992), 1005-1013,
 *       doi:10.2307/2532694 (adjusted p-values).</li>
 * </ol>
 * Checked against statsmodels {@code multipletests(method='bonferroni')} in {@code BonferroniTest}.
 */
public final class Bonferroni implements PValueAdjustment {

    @Override
    public MultipleTestingCorrection method() {
        return MultipleTestingCorrection.BONFERRONI;
    }

    @Override
    public double[] adjustComplete(double[] pValues) {
        int m = pValues.length;
        double[] adjusted = new double[m];
        for (int i = 0; i < m; i++) {
            // (1)
            adjusted[i] = Math.min(1, m * pValues[i]);
        }
        return adjusted;
    }
}
