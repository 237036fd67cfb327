package io.abtest.stats.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;

/**
 * Judges a {@code latency_p50}, {@code latency_p95} or {@code latency_p99} guardrail on one variant in one window:
 * the variant's percentile q_T of the window against the threshold theta,
 * <pre>
 *   absolute:  threshold = theta                                                                        (1)
 *   relative:  threshold = q_C (1 + theta),  q_C the control's percentile in the same window            (2)
 *   breach when  q_T &gt; threshold  (greater_than)  or  q_T &lt; threshold  (less_than)                   (3)
 * </pre>
 * so a relative 0.5 breaches when the variant's p99 is more than 50% above the control's. The percentile is read,
 * not tested: it carries no confidence bound, and at a few hundred requests per window a p99 rests on a few
 * requests, so a relative threshold near 0 raises false alarms in an A/A comparison (measured in
 * {@code GuardrailFalseAlarmSimulationTest}); {@code min_events} and {@code consecutive_breaches} are the knobs.
 *
 * <p>NOT_JUDGED when the variant served fewer than {@code min_events} predictions, or, for a relative guardrail,
 * when the control did. The caller never judges the control against itself.
 */
public final class LatencyGuardrail {

    private LatencyGuardrail() {}

    /**
     * One variant's latency percentile in one window.
     *
     * @param predictions served predictions in the window
     * @param value the percentile, in milliseconds; read only when {@code predictions} reaches {@code min_events}
     */
    public record Percentile(long predictions, double value) {}

    /** The percentile (50, 95 or 99) a built-in latency guardrail metric watches. */
    public static double percentileOf(String metric) {
        return switch (metric) {
            case "latency_p50" -> 50;
            case "latency_p95" -> 95;
            case "latency_p99" -> 99;
            default -> throw new IllegalArgumentException("not a latency guardrail metric: " + metric);
        };
    }

    /**
     * @param spec the guardrail: threshold, comparison, relative to the control or not, min_events
     * @param variant the judged variant's percentile in the window
     * @param control the control's in the same window; read only when {@code spec} is relative
     */
    public static WindowJudgment judge(GuardrailSpec spec, Percentile variant, Percentile control) {
        if (variant.predictions() < spec.minEvents()
                || spec.relativeToControl() && control.predictions() < spec.minEvents()) {
            return WindowJudgment.notJudged();
        }
        double threshold = spec.relativeToControl()
                ? control.value() * (1 + spec.threshold()) // (2)
                : spec.threshold(); // (1)
        boolean breach = spec.comparison() == Comparison.GREATER_THAN
                ? variant.value() > threshold : variant.value() < threshold; // (3)
        return WindowJudgment.judged(breach, variant.value(), threshold, null);
    }
}
