package io.abtest.stats.decision;

import io.abtest.config.GuardrailSpec;

/**
 * A guardrail that breached (the {@code guardrails/} dataset's row, as the decision reads it).
 *
 * @param variant the variant that breached it
 * @param guardrail the guardrail's name
 * @param observed the metric's value in the breaching window
 * @param threshold the absolute value it was judged against (the configured threshold, or one computed from the
 *     control's value for a guardrail relative to it)
 * @param spec the guardrail's configuration: comparison, window, severity, action
 */
public record GuardrailBreach(String variant, String guardrail, double observed, double threshold, GuardrailSpec spec) {

    /** A breach judged against the configured threshold itself. */
    public GuardrailBreach(String variant, String guardrail, double observed, GuardrailSpec spec) {
        this(variant, guardrail, observed, spec.threshold(), spec);
    }
}
