package io.abtest.stats.decision;

import io.abtest.config.MetricSpec;

/**
 * One challenger's effect on one metric within one segment (e.g. {@code country=DE}), after correction.
 *
 * @param variant the challenger
 * @param segment attribute and value, as {@code name=value}
 * @param metric the metric's name
 * @param direction whether higher or lower is better
 * @param absoluteEffect treatment minus control mean in the segment; null when not computed
 * @param relativeEffect the lift in the segment; null when not computed (also when the control mean is 0)
 * @param adjustedPValue the p-value after the configured multiple-testing correction; null when not computed
 */
public record SegmentEvidence(
        String variant,
        String segment,
        String metric,
        MetricSpec.Direction direction,
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

    /** The lift as a percentage, or the difference when there is no lift (a control mean of 0). */
    String effectText() {
        return relativeEffect != null ? EvidenceText.percent(relativeEffect)
                : (absoluteEffect > 0 ? "+" : "") + EvidenceText.number(absoluteEffect) + " absolute";
    }
}
