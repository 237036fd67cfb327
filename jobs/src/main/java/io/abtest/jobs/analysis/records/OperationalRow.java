package io.abtest.jobs.analysis.records;

/**
 * One row of {@code operational/}: how one variant's model served in one event-time window, in the role it played
 * (served to units, or computed in the shadow).
 *
 * @param served true for served predictions, false for shadow ones
 * @param windowStart epoch milliseconds, inclusive
 * @param windowEnd epoch milliseconds, exclusive
 * @param predictions predictions in the window
 * @param errors predictions with status {@code error}
 * @param timeouts predictions with status {@code timeout}
 * @param errorRate errors / predictions
 * @param timeoutRate timeouts / predictions
 * @param latencyP50 median {@code latency_ms}, to 3 significant digits (HdrHistogram)
 * @param latencyP95 95th percentile, likewise
 * @param latencyP99 99th percentile, likewise
 * @param latencyMax largest, likewise
 * @param shadowPairs shadow rows only: shadow predictions paired with the served prediction of their request
 * @param meanScoreDifference shadow rows only: mean of shadow score minus served score over pairs with both scores;
 *     null without such pairs
 * @param labelDisagreementRate shadow rows only: share of pairs with both labels whose labels differ; null without
 *     such pairs
 */
public record OperationalRow(
        String experimentId,
        String variant,
        boolean served,
        long windowStart,
        long windowEnd,
        long predictions,
        long errors,
        long timeouts,
        Double errorRate,
        Double timeoutRate,
        Double latencyP50,
        Double latencyP95,
        Double latencyP99,
        Double latencyMax,
        long shadowPairs,
        Double meanScoreDifference,
        Double labelDisagreementRate) {}
