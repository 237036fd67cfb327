package io.abtest.jobs.analysis.records;

/**
 * One row of {@code results/} (CONTRACT.md section 2): one treatment against the control on one metric (all units
 * or one segment) at one analysis point. Numbers a test could not compute are null; {@code status} says why.
 *
 * @param asOf the analysis point (a window end), epoch milliseconds
 * @param pValue fixed-horizon two-sided p-value
 * @param adjustedPValue after the configured multiple-testing correction
 * @param sequentialPValue always-valid p-value (running minimum over the analysis points)
 * @param adjustedSequentialPValue after the same correction
 * @param sequentialCiLow always-valid confidence sequence of the absolute effect, lower end; likewise the others
 * @param srmPValue the experiment's always-valid sample-ratio-mismatch p-value
 * @param multipleExposureUnits units of the experiment served more than one variant up to {@code asOf}, excluded from
 *     every metric (and from the SRM counts)
 * @param status {@code io.abtest.stats.TestStatus} name
 */
public record ResultRow(
        String experimentId,
        long asOf,
        String metric,
        String segment,
        String controlVariant,
        String treatmentVariant,
        long controlN,
        Double controlMean,
        long treatmentN,
        Double treatmentMean,
        Double absoluteEffect,
        Double ciLow,
        Double ciHigh,
        Double relativeEffect,
        Double relativeCiLow,
        Double relativeCiHigh,
        Double pValue,
        Double adjustedPValue,
        Double sequentialPValue,
        Double adjustedSequentialPValue,
        Double sequentialCiLow,
        Double sequentialCiHigh,
        Double sequentialRelativeCiLow,
        Double sequentialRelativeCiHigh,
        Double srmPValue,
        long multipleExposureUnits,
        String status,
        String statusDetail) {}
