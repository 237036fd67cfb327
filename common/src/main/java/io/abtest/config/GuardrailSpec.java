package io.abtest.config;

import java.time.Duration;

/**
 * A safety check evaluated per variant over event-time windows: it breaches when the metric compares
 * to the threshold as stated for {@code consecutiveBreaches} windows in a row.
 */
public record GuardrailSpec(
        String name,
        String metric,
        double threshold,
        Comparison comparison,
        Duration window,
        int consecutiveBreaches,
        Severity severity,
        Action action) {

    public enum Comparison { GREATER_THAN, LESS_THAN }

    public enum Severity { INFO, WARNING, CRITICAL }

    /** ALERT only alerts; STOP also writes a STOPPED control record, which sends every unit to the control. */
    public enum Action { ALERT, STOP }

    public boolean breachedBy(double observed) {
        return comparison == Comparison.GREATER_THAN ? observed > threshold : observed < threshold;
    }
}
