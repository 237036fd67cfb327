package io.abtest.config;

import java.time.Duration;

/**
 * A safety check judged per variant over its own event-time windows (README, Guardrails): a judged window
 * breaches or is healthy; {@code consecutiveBreaches} breaching windows in a row open an incident and
 * {@code recoveryWindows} healthy ones in a row resolve it. Windows with fewer than {@code minEvents} served
 * predictions are not judged.
 *
 * @param name unique within the experiment
 * @param metric a built-in guardrail metric ({@link BuiltInMetrics#GUARDRAIL_METRICS}) or a configured metric
 * @param threshold the limit: absolute for a built-in metric, relative to the control's value with
 *     {@code relativeToControl}, and a relative non-inferiority margin for a configured metric
 * @param comparison which side of the threshold breaches
 * @param window the length of the epoch-aligned windows judged (for a configured metric: at most one judgment
 *     per window, at the analysis points)
 * @param consecutiveBreaches breaching windows in a row that open an incident
 * @param severity copied into the alert
 * @param action ALERT, or STOP: also writes STOPPED to the control topic
 * @param relativeToControl the threshold is relative to the control's value in the same window (built-in metrics)
 * @param minEvents served predictions a window needs, per variant (and for the control when relative), to be judged
 * @param recoveryWindows healthy windows in a row that resolve an incident
 */
public record GuardrailSpec(
        String name,
        String metric,
        double threshold,
        Comparison comparison,
        Duration window,
        int consecutiveBreaches,
        Severity severity,
        Action action,
        boolean relativeToControl,
        long minEvents,
        int recoveryWindows) {

    public static final long DEFAULT_MIN_EVENTS = 100;
    public static final int DEFAULT_RECOVERY_WINDOWS = 2;

    /** A guardrail with an absolute threshold and the default {@code min_events} and {@code recovery_windows}. */
    public GuardrailSpec(String name, String metric, double threshold, Comparison comparison, Duration window,
            int consecutiveBreaches, Severity severity, Action action) {
        this(name, metric, threshold, comparison, window, consecutiveBreaches, severity, action, false,
                DEFAULT_MIN_EVENTS, DEFAULT_RECOVERY_WINDOWS);
    }

    /** Whether it watches a built-in serving statistic rather than a configured metric. */
    public boolean builtIn() {
        return BuiltInMetrics.GUARDRAIL_METRICS.contains(metric);
    }

    public enum Comparison { GREATER_THAN, LESS_THAN }

    public enum Severity { INFO, WARNING, CRITICAL }

    /** ALERT only alerts; STOP also writes a STOPPED control record, which sends every unit to the control. */
    public enum Action { ALERT, STOP }

    public boolean breachedBy(double observed) {
        return comparison == Comparison.GREATER_THAN ? observed > threshold : observed < threshold;
    }
}
