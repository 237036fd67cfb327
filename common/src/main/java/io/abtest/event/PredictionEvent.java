package io.abtest.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A routed prediction (topic {@code ab.predictions}), field for field as CONTRACT.md section 1 fixes it.
 * Optional fields are null when absent; {@code attributes} is never null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PredictionEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("variant") String variant,
        @JsonProperty("unit_id") String unitId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("event_time") long eventTime,
        @JsonProperty("model_version") String modelVersion,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("status") PredictionStatus status,
        @JsonProperty("score") Double score,
        @JsonProperty("predicted_label") String predictedLabel,
        @JsonProperty("served") boolean served,
        @JsonProperty("attributes") Map<String, String> attributes) {

    public PredictionEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
