package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;

/**
 * Holm's step-down correction, controlling the family-wise error rate under any dependence and never less
 * powerful than Bonferroni's. With the p-values sorted, p_(1) &lt;= ... &lt;= p_(m):
 * <pre>
 *   (1)  p~_(i) = max_{j &lt;= i} min(1, (m - j + 1) p_(j))
 * </pre>
 * Rejecting p~_(i) &lt;= a is Holm's procedure: reject H_(1), H_(2), ... while p_(j) &lt;= a / (m - j + 1), and
 * stop at the first that is not. Tied p-values get the same adjusted value.
 *
 * <p>References:
 * <ol>
 *   <li>S. Holm, "A Simple Sequentially Rejective Multiple Test Procedure", Scandinavian Journal of Statistics
 *       6(2) (1979), 65-70.</li>
 *   <li>S. P. Wright, "Adjusted P-Values for Simultaneous Inference", Biometrics 48(4) (1992), 1005-1013,
 *       doi:10.2307/2532694 (adjusted p-values).</li>
 * </ol>
 * Checked against statsmodels {@code multipletests(method='holm')} in {@code HolmBonferroniTest}.
 */
public final class HolmBonferroni implements PValueAdjustment {

    @Override
    public MultipleTestingCorrection method() {
        return MultipleTestingCorrection.HOLM;
    }

    @Override
    public double[] adjustComplete(double[] pValues) {
        int m = pValues.length;
        int[] order = PValueAdjustment.ascendingOrder(pValues);
        double[] adjusted = new double[m];
        double runningMaximum = 0;
        for (int rank = 1; rank <= m; rank++) {
            int i = order[rank - 1];
            // (1)
            runningMaximum = Math.max(runningMaximum, Math.min(1, (m - rank + 1) * pValues[i]));
            adjusted[i] = runningMaximum;
        }
        return adjusted;
    }
}
