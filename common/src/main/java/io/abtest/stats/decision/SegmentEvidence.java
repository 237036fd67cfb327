package io.abtest.stats.decision;

import io.abtest.config.MetricSpec;

/**
 * One challenger's effect on one metric within one segment (e.g. {@code country=DE}), after correction.
 *
 * @param variant the challenger
 * @param segment attribute and value, as {@code name=value}
 * @param metric the metric's name
 * @param direction whether higher or lower is better
 * @param controlMean the control's mean in the segment; null when not computed
 * @param absoluteEffect treatment minus control mean in the segment; null when not computed
 * @param relativeEffect the lift in the segment; null when not computed (also when the control mean is 0)
 * @param adjustedPValue the p-value after the configured multiple-testing correction; null when not computed
 */
public record SegmentEvidence(
        String variant,
        String segment,
        String metric,
        MetricSpec.Direction direction,
        Double controlMean,
        Double absoluteEffect,
        Double relativeEffect,
        Double adjustedPValue) {

    /** Significant after correction and in the wrong direction (judged by the difference, defined even at 0). */
    boolean harmful(double alpha) {
        if (absoluteEffect == null || adjustedPValue == null || adjustedPValue >= alpha) {
            return false;
        }
        return direction == MetricSpec.Direction.HIGHER_IS_BETTER ? absoluteEffect < 0 : absoluteEffect > 0;
    }

    /** The lift as a percentage where it shares the difference's sign, or the difference. */
    String effectText() {
        return EvidenceText.amount(absoluteEffect, controlMean, relativeEffect, null, null);
    }
}
