package io.abtest.stats.analysis;

/**
 * Which units a summary covers: one variant, one metric, all units or one segment.
 *
 * @param variant the variant's name
 * @param metric the metric's name
 * @param segment {@code attribute=value}, or null for all units of the variant
 */
public record SummaryKey(String variant, String metric, String segment) {

    public static SummaryKey overall(String variant, String metric) {
        return new SummaryKey(variant, metric, null);
    }
}
