package io.abtest.jobs.analysis.records;

/**
 * One row of {@code aggregates/} (CONTRACT.md section 2): for one experiment, variant, metric and segment, the
 * sufficient statistics of the per-unit values cumulative from the experiment's start to the window's end (what
 * the {@code results/} row of the same window end was computed from), and the window's own activity.
 *
 * @param segment {@code attribute=value}, or null for all units
 * @param windowStart epoch milliseconds, inclusive
 * @param windowEnd epoch milliseconds, exclusive; the analysis point
 * @param units units of the variant with a value of this metric, cumulative
 * @param events events of the variant counted in this window
 * @param unmatchedOutcomes outcomes of the experiment in this window that matched no served prediction
 * @param meanY mean of the per-unit values (a ratio's numerator)
 * @param meanD mean of the per-unit denominators (1 unless a ratio)
 * @param meanC mean of the per-unit covariate (0 unless configured)
 * @param cYY centered co-moment sum (y - mean_y)^2; likewise the others
 */
public record AggregateRow(
        String experimentId,
        String variant,
        String metric,
        String segment,
        long windowStart,
        long windowEnd,
        long units,
        long events,
        long unmatchedOutcomes,
        double meanY,
        double meanD,
        double meanC,
        double cYY,
        double cDD,
        double cCC,
        double cYD,
        double cYC,
        double cDC) {}
