package io.abtest.event;

import static io.abtest.event.EventField.optional;
import static io.abtest.event.EventField.required;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The fields of one event kind in CONTRACT.md section 1 order, and the structural checks on a JSON object of that
 * kind. Unknown extra fields are ignored, so producers may add fields before consumers know them.
 *
 * <p>The first problem is reported, in passes so that the reason does not depend on key order in the text: every
 * required field present and non-null (MISSING_FIELD), then every present field's type (WRONG_TYPE), then values
 * (EMPTY_FIELD, NEGATIVE_LATENCY, INVALID_STATUS, EVENT_TIME_BEFORE_2000, NUMBER_OUT_OF_RANGE); within a pass,
 * fields go in contract order. Experiment and variant are checked afterwards by {@link EventValidator}, as they need
 * the configuration.
 */
final class EventSchema {

    static final EventSchema PREDICTION = new EventSchema(List.of(
            required("event_id", FieldKind.TEXT),
            required("experiment_id", FieldKind.TEXT),
            required("variant", FieldKind.TEXT),
            required("unit_id", FieldKind.TEXT),
            required("request_id", FieldKind.TEXT),
            required("event_time", FieldKind.EPOCH_MILLIS),
            optional("model_version", FieldKind.TEXT),
            required("latency_ms", FieldKind.NON_NEGATIVE_LATENCY),
            required("status", FieldKind.STATUS),
            optional("score", FieldKind.NUMBER),
            optional("predicted_label", FieldKind.TEXT),
            optional("served", FieldKind.FLAG),
            optional("attributes", FieldKind.TEXT_MAP)));

    static final EventSchema OUTCOME = new EventSchema(List.of(
            required("event_id", FieldKind.TEXT),
            required("request_id", FieldKind.TEXT),
            required("unit_id", FieldKind.TEXT),
            required("event_time", FieldKind.EPOCH_MILLIS),
            optional("experiment_id", FieldKind.TEXT),
            optional("label", FieldKind.TEXT),
            optional("values", FieldKind.NUMBER_MAP)));

    private final List<EventField> fields;

    private EventSchema(List<EventField> fields) {
        this.fields = fields;
    }

    /** The first problem of {@code object} (a JSON object node), or null when it has the shape of this event kind. */
    FieldProblem firstProblem(JsonNode object) {
        for (EventField field : fields) {
            if (field.required() && !isPresent(object.get(field.name()))) {
                return new FieldProblem(RejectReason.MISSING_FIELD, field.name(), "required field is absent or null");
            }
        }
        for (EventField field : fields) {
            JsonNode value = object.get(field.name());
            FieldProblem problem = isPresent(value) ? field.kind().typeProblem(field, value) : null;
            if (problem != null) {
                return problem;
            }
        }
        for (EventField field : fields) {
            JsonNode value = object.get(field.name());
            FieldProblem problem = isPresent(value) ? field.kind().valueProblem(field, value) : null;
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Absent and JSON null mean the same: the field has no value. */
    static boolean isPresent(JsonNode value) {
        return value != null && !value.isNull() && !value.isMissingNode();
    }
}
