package io.abtest.stats.decision;

import io.abtest.config.MetricSpec;

/**
 * One challenger's effect on one metric within one segment (e.g. {@code country=DE}), after correction.
 *
 * @param variant the challenger
 * @param segment attribute and value, as {@code name=value}
 * @param metric the metric's name
 * @param direction whether higher or lower is better
 * @param relativeEffect the lift in the segment; null when not computed
 * @param adjustedPValue the p-value after the configured multiple-testing correction; null when not computed
 */
public record SegmentEvidence(
        String variant,
        String segment,
        String metric,
        MetricSpec.Direction direction,
        Double relativeEffect,
        Double adjustedPValue) {

    boolean harmful(double alpha) {
        if (relativeEffect == null || adjustedPValue == null || adjustedPValue >= alpha) {
            return false;
        }
        return direction == MetricSpec.Direction.HIGHER_IS_BETTER ? relativeEffect < 0 : relativeEffect > 0;
    }
}
