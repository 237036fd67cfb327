package io.abtest.stats.srm;

import io.abtest.stats.TestStatus;
import java.util.List;

/**
 * The chi-square sample ratio mismatch check of one experiment at one point in time.
 *
 * @param status OK, or why the numbers are missing
 * @param detail words for a status other than OK; null when OK
 * @param statistic Pearson's chi-square statistic; null unless OK
 * @param degreesOfFreedom number of variants with a positive weight, minus 1; null unless OK
 * @param pValue upper tail of the chi-square distribution at the statistic; null unless OK
 * @param mismatch true when {@code pValue < threshold}, or when a variant with weight 0 received units; a
 *     mismatch makes every decision of the experiment INCONCLUSIVE
 * @param threshold the p-value below which a mismatch is flagged
 * @param units units counted over all variants
 * @param observedShares each variant's share of the units, in input order; null without valid counts or units
 * @param expectedShares each variant's configured share (weights normalised to sum to 1), in input order;
 *     null when the weights are not valid
 */
public record SampleRatioMismatchResult(
        TestStatus status,
        String detail,
        Double statistic,
        Integer degreesOfFreedom,
        Double pValue,
        boolean mismatch,
        double threshold,
        long units,
        List<Double> observedShares,
        List<Double> expectedShares) {

    public boolean isOk() {
        return status == TestStatus.OK;
    }
}
