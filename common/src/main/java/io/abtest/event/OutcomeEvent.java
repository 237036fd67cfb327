package io.abtest.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A label or business outcome (topic {@code ab.outcomes}), field for field as CONTRACT.md section 1 fixes it.
 * Optional fields are null when absent; {@code values} is never null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutcomeEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("unit_id") String unitId,
        @JsonProperty("event_time") long eventTime,
        @JsonProperty("experiment_id") String experimentId,
        @JsonProperty("label") String label,
        @JsonProperty("values") Map<String, Double> values) {

    public OutcomeEvent {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
