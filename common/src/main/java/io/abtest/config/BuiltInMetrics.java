package io.abtest.config;

import java.util.Set;

/**
 * Names the analysis knows without configuration: per-event fields a metric may use as its source, and
 * per-variant serving statistics a guardrail may watch.
 */
public final class BuiltInMetrics {

    /**
     * Metric sources taken from the joined prediction and outcome events, besides {@code values.NAME}
     * (a named value of outcome events). {@code latency_ms} and {@code score} come from the prediction;
     * {@code error} and {@code timeout} are 0/1 from its status; {@code requests} counts predictions (1 each);
     * {@code label_correct}, {@code log_loss}, {@code brier}, {@code abs_error} and {@code squared_error}
     * compare the prediction with the outcome's label.
     */
    public static final Set<String> SOURCES = Set.of(
            "latency_ms", "error", "timeout", "score", "requests",
            "label_correct", "log_loss", "brier", "abs_error", "squared_error");

    /** Prefix of metric sources read from an outcome event's {@code values} map. */
    public static final String VALUES_PREFIX = "values.";

    /** Serving statistics per variant and window a guardrail may watch, besides any configured metric. */
    public static final Set<String> GUARDRAIL_METRICS = Set.of(
            "latency_p50", "latency_p95", "latency_p99", "error_rate", "timeout_rate");

    private BuiltInMetrics() {}
}
