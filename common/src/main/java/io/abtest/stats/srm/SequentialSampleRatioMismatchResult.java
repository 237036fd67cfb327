package io.abtest.stats.srm;

import io.abtest.stats.TestStatus;
import java.util.List;

/**
 * The always-valid sample ratio mismatch check of one experiment at one analysis point.
 *
 * @param status OK, or why the numbers are missing
 * @param detail words for a status other than OK; null when OK
 * @param logBayesFactor natural log of the Dirichlet-multinomial Bayes factor against the configured split;
 *     null unless OK
 * @param pValue the always-valid p-value at this point, min(1, 1 / Bayes factor); null unless OK
 * @param runningMinimumPValue the smallest always-valid p-value over this and the earlier analysis points of the
 *     same stream (also always valid); null when no point so far had a p-value
 * @param mismatch true when {@code runningMinimumPValue < threshold}, or when a variant with weight 0 received
 *     units; once true it stays true for the stream
 * @param threshold the p-value below which a mismatch is flagged
 * @param concentration c of the Dirichlet(c p_1, ..., c p_k) mixing distribution
 * @param units units counted over all variants
 * @param observedShares each variant's share of the units, in input order; null without valid counts or units
 * @param expectedShares each variant's configured share, in input order; null when the weights are not valid
 */
public record SequentialSampleRatioMismatchResult(
        TestStatus status,
        String detail,
        Double logBayesFactor,
        Double pValue,
        Double runningMinimumPValue,
        boolean mismatch,
        double threshold,
        double concentration,
        long units,
        List<Double> observedShares,
        List<Double> expectedShares) {

    public boolean isOk() {
        return status == TestStatus.OK;
    }
}
