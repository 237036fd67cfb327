package io.abtest.stats.decision;

import io.abtest.config.GuardrailSpec;

/**
 * A guardrail that breached (the {@code guardrails/} dataset's row, as the decision reads it).
 *
 * @param variant the variant that breached it
 * @param guardrail the guardrail's name
 * @param observed the metric's value in the breaching window
 * @param spec the guardrail's configuration: threshold, comparison, window, severity, action
 */
public record GuardrailBreach(String variant, String guardrail, double observed, GuardrailSpec spec) {}
