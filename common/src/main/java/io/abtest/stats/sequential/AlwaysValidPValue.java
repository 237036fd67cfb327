package io.abtest.stats.sequential;

/**
 * The running minimum of always-valid p-values over the analysis points of one test: the value a monitor shows and
 * decides on. Immutable, so the Flink job keeps it in keyed state and replaces it after each analysis.
 *
 * <p>Valid because the guarantee of an always-valid p-value is over all analysis points together:
 * {@code P(p_n <= alpha for some n) <= alpha} under the null, and {@code min_{k <= n} p_k <= alpha} is the same
 * event. The minimum is therefore itself always valid, never larger than the current p, and never increases, so a
 * decision once justified by it stays justified (Johari, Pekelis, Walsh, Operations Research 2022,
 * arXiv:1512.04922). The same does not hold for a fixed-horizon p-value.
 *
 * @param value the smallest always-valid p-value seen so far; 1 before the first analysis
 */
public record AlwaysValidPValue(double value) {

    public static final AlwaysValidPValue NONE_YET = new AlwaysValidPValue(1);

    /** min(previous, current); a NaN current (no p-value at this point) leaves previous unchanged. */
    public static double runningMinimum(double previous, double current) {
        return current < previous ? current : previous;
    }

    /** This minimum updated with an analysis; a result without a p-value (status not OK) leaves it unchanged. */
    public AlwaysValidPValue observe(SequentialResult result) {
        if (result == null || result.pValue() == null) {
            return this;
        }
        return new AlwaysValidPValue(runningMinimum(value, result.pValue()));
    }
}
