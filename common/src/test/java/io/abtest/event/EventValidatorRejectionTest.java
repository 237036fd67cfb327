package io.abtest.event;

import static io.abtest.event.EventKind.OUTCOME;
import static io.abtest.event.EventKind.PREDICTION;
import static io.abtest.event.JsonEdits.with;
import static io.abtest.event.JsonEdits.without;
import static io.abtest.event.RejectReason.EMPTY_FIELD;
import static io.abtest.event.RejectReason.EVENT_TIME_BEFORE_2000;
import static io.abtest.event.RejectReason.INVALID_STATUS;
import static io.abtest.event.RejectReason.MALFORMED_JSON;
import static io.abtest.event.RejectReason.MISSING_FIELD;
import static io.abtest.event.RejectReason.NEGATIVE_LATENCY;
import static io.abtest.event.RejectReason.NOT_AN_OBJECT;
import static io.abtest.event.RejectReason.NUMBER_OUT_OF_RANGE;
import static io.abtest.event.RejectReason.UNKNOWN_EXPERIMENT;
import static io.abtest.event.RejectReason.UNKNOWN_VARIANT;
import static io.abtest.event.RejectReason.WRONG_TYPE;
import static io.abtest.event.TestEvents.OUTCOME_JSON;
import static io.abtest.event.TestEvents.PREDICTION_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per kind of bad input: the validator must name the reason and the field. */
class EventValidatorRejectionTest {

    private static final List<String> PREDICTION_REQUIRED = List.of(
            "event_id", "experiment_id", "variant", "unit_id", "request_id", "event_time", "latency_ms", "status");
    private static final List<String> OUTCOME_REQUIRED = List.of("event_id", "request_id", "unit_id", "event_time");

    private final EventValidator validator = new EventValidator(TestEvents.EXPERIMENTS);

    static List<Arguments> badInputs() {
        List<Arguments> rows = new ArrayList<>();
        // The text
        rows.add(row("syntax error", PREDICTION, "{\"event_id\":", MALFORMED_JSON, null));
        rows.add(row("unquoted key", PREDICTION, "{event_id:\"a\"}", MALFORMED_JSON, null));
        rows.add(row("trailing garbage", PREDICTION, PREDICTION_JSON + " x", MALFORMED_JSON, null));
        rows.add(row("second object", OUTCOME, OUTCOME_JSON + OUTCOME_JSON, MALFORMED_JSON, null));
        rows.add(row("duplicate key", PREDICTION,
                PREDICTION_JSON.replace("\"latency_ms\":12.5", "\"latency_ms\":12.5,\"latency_ms\":-1"),
                MALFORMED_JSON, null));
        rows.add(row("NaN literal", PREDICTION, with(PREDICTION_JSON, "score", "1").replace(
                "\"score\":1", "\"score\":NaN"), MALFORMED_JSON, null));
        rows.add(row("empty string", PREDICTION, "", MALFORMED_JSON, null));
        rows.add(row("blank string", OUTCOME, " \n\t", MALFORMED_JSON, null));
        rows.add(row("null text", PREDICTION, null, MALFORMED_JSON, null));
        rows.add(row("null text", OUTCOME, null, MALFORMED_JSON, null));
        rows.add(row("binary", PREDICTION, "\u0000\u0001\uFFFF\uD800", MALFORMED_JSON, null));
        // The value
        rows.add(row("array", PREDICTION, "[" + PREDICTION_JSON + "]", NOT_AN_OBJECT, null));
        rows.add(row("string", OUTCOME, "\"event\"", NOT_AN_OBJECT, null));
        rows.add(row("number", PREDICTION, "42", NOT_AN_OBJECT, null));
        rows.add(row("JSON null", OUTCOME, "null", NOT_AN_OBJECT, null));
        // Required fields, each missing in turn, and null counting as missing
        for (String field : PREDICTION_REQUIRED) {
            rows.add(row("missing " + field, PREDICTION, without(PREDICTION_JSON, field), MISSING_FIELD, field));
            rows.add(row("null " + field, PREDICTION, with(PREDICTION_JSON, field, "null"), MISSING_FIELD, field));
        }
        for (String field : OUTCOME_REQUIRED) {
            rows.add(row("missing " + field, OUTCOME, without(OUTCOME_JSON, field), MISSING_FIELD, field));
            rows.add(row("null " + field, OUTCOME, with(OUTCOME_JSON, field, "null"), MISSING_FIELD, field));
        }
        rows.add(row("empty object", PREDICTION, "{}", MISSING_FIELD, "event_id"));
        rows.add(row("empty object", OUTCOME, "{}", MISSING_FIELD, "event_id"));
        // Wrong types, prediction
        rows.add(row("number id", PREDICTION, with(PREDICTION_JSON, "event_id", "42"), WRONG_TYPE, "event_id"));
        rows.add(row("boolean experiment", PREDICTION, with(PREDICTION_JSON, "experiment_id", "true"), WRONG_TYPE,
                "experiment_id"));
        rows.add(row("array variant", PREDICTION, with(PREDICTION_JSON, "variant", "[\"control\"]"), WRONG_TYPE,
                "variant"));
        rows.add(row("object unit", PREDICTION, with(PREDICTION_JSON, "unit_id", "{}"), WRONG_TYPE, "unit_id"));
        rows.add(row("float request", PREDICTION, with(PREDICTION_JSON, "request_id", "1.5"), WRONG_TYPE,
                "request_id"));
        rows.add(row("float event_time", PREDICTION, with(PREDICTION_JSON, "event_time", "1.5"), WRONG_TYPE,
                "event_time"));
        rows.add(row("integral-valued float event_time", PREDICTION, with(PREDICTION_JSON, "event_time", "1.0"),
                WRONG_TYPE, "event_time"));
        rows.add(row("exponent event_time", PREDICTION, with(PREDICTION_JSON, "event_time", "1e3"), WRONG_TYPE,
                "event_time"));
        rows.add(row("string event_time", PREDICTION, with(PREDICTION_JSON, "event_time", "\"123\""), WRONG_TYPE,
                "event_time"));
        rows.add(row("event_time beyond long", PREDICTION,
                with(PREDICTION_JSON, "event_time", "9223372036854775808"), WRONG_TYPE, "event_time"));
        rows.add(row("string latency", PREDICTION, with(PREDICTION_JSON, "latency_ms", "\"12\""), WRONG_TYPE,
                "latency_ms"));
        rows.add(row("latency overflowing a double", PREDICTION, with(PREDICTION_JSON, "latency_ms", "1e400"),
                WRONG_TYPE, "latency_ms"));
        rows.add(row("number status", PREDICTION, with(PREDICTION_JSON, "status", "1"), WRONG_TYPE, "status"));
        rows.add(row("number model_version", PREDICTION, with(PREDICTION_JSON, "model_version", "3"), WRONG_TYPE,
                "model_version"));
        rows.add(row("string score", PREDICTION, with(PREDICTION_JSON, "score", "\"0.9\""), WRONG_TYPE, "score"));
        rows.add(row("number predicted_label", PREDICTION, with(PREDICTION_JSON, "predicted_label", "1"),
                WRONG_TYPE, "predicted_label"));
        rows.add(row("string served", PREDICTION, with(PREDICTION_JSON, "served", "\"true\""), WRONG_TYPE,
                "served"));
        rows.add(row("array attributes", PREDICTION, with(PREDICTION_JSON, "attributes", "[]"), WRONG_TYPE,
                "attributes"));
        rows.add(row("number attribute", PREDICTION, with(PREDICTION_JSON, "attributes.country", "49"), WRONG_TYPE,
                "attributes.country"));
        rows.add(row("null attribute", PREDICTION, with(PREDICTION_JSON, "attributes.device", "null"), WRONG_TYPE,
                "attributes.device"));
        // Wrong types, outcome
        rows.add(row("number outcome id", OUTCOME, with(OUTCOME_JSON, "event_id", "7"), WRONG_TYPE, "event_id"));
        rows.add(row("float outcome event_time", OUTCOME, with(OUTCOME_JSON, "event_time", "1.5"), WRONG_TYPE,
                "event_time"));
        rows.add(row("number outcome experiment", OUTCOME, with(OUTCOME_JSON, "experiment_id", "7"), WRONG_TYPE,
                "experiment_id"));
        rows.add(row("boolean label", OUTCOME, with(OUTCOME_JSON, "label", "false"), WRONG_TYPE, "label"));
        rows.add(row("string values", OUTCOME, with(OUTCOME_JSON, "values", "\"x\""), WRONG_TYPE, "values"));
        rows.add(row("string value", OUTCOME, with(OUTCOME_JSON, "values.revenue", "\"19.99\""), WRONG_TYPE,
                "values.revenue"));
        rows.add(row("boolean value", OUTCOME, with(OUTCOME_JSON, "values.converted", "true"), WRONG_TYPE,
                "values.converted"));
        rows.add(row("null value", OUTCOME, with(OUTCOME_JSON, "values.revenue", "null"), WRONG_TYPE,
                "values.revenue"));
        // Values
        rows.add(row("empty id", PREDICTION, with(PREDICTION_JSON, "event_id", "\"\""), EMPTY_FIELD, "event_id"));
        rows.add(row("blank unit", PREDICTION, with(PREDICTION_JSON, "unit_id", "\" \\t\""), EMPTY_FIELD,
                "unit_id"));
        rows.add(row("empty experiment", PREDICTION, with(PREDICTION_JSON, "experiment_id", "\"\""), EMPTY_FIELD,
                "experiment_id"));
        rows.add(row("empty outcome request", OUTCOME, with(OUTCOME_JSON, "request_id", "\"\""), EMPTY_FIELD,
                "request_id"));
        rows.add(row("negative latency", PREDICTION, with(PREDICTION_JSON, "latency_ms", "-0.5"), NEGATIVE_LATENCY,
                "latency_ms"));
        rows.add(row("negative integer latency", PREDICTION, with(PREDICTION_JSON, "latency_ms", "-1"),
                NEGATIVE_LATENCY, "latency_ms"));
        rows.add(row("unknown status", PREDICTION, with(PREDICTION_JSON, "status", "\"failed\""), INVALID_STATUS,
                "status"));
        rows.add(row("upper-case status", PREDICTION, with(PREDICTION_JSON, "status", "\"OK\""), INVALID_STATUS,
                "status"));
        rows.add(row("event_time one ms before 2000", PREDICTION,
                with(PREDICTION_JSON, "event_time", "946684799999"), EVENT_TIME_BEFORE_2000, "event_time"));
        rows.add(row("event_time in seconds", PREDICTION, with(PREDICTION_JSON, "event_time", "1717171717"),
                EVENT_TIME_BEFORE_2000, "event_time"));
        rows.add(row("event_time zero", OUTCOME, with(OUTCOME_JSON, "event_time", "0"), EVENT_TIME_BEFORE_2000,
                "event_time"));
        rows.add(row("negative event_time", OUTCOME, with(OUTCOME_JSON, "event_time", "-1"), EVENT_TIME_BEFORE_2000,
                "event_time"));
        rows.add(row("smallest long event_time", PREDICTION,
                with(PREDICTION_JSON, "event_time", Long.toString(Long.MIN_VALUE)), EVENT_TIME_BEFORE_2000,
                "event_time"));
        rows.add(row("latency 2^53 + 2", PREDICTION, with(PREDICTION_JSON, "latency_ms", "9007199254740994"),
                NUMBER_OUT_OF_RANGE, "latency_ms"));
        rows.add(row("latency 1e308", PREDICTION, with(PREDICTION_JSON, "latency_ms", "1e308"), NUMBER_OUT_OF_RANGE,
                "latency_ms"));
        rows.add(row("score -1e300", PREDICTION, with(PREDICTION_JSON, "score", "-1e300"), NUMBER_OUT_OF_RANGE,
                "score"));
        rows.add(row("value 1e308", OUTCOME, with(OUTCOME_JSON, "values.revenue", "1e308"), NUMBER_OUT_OF_RANGE,
                "values.revenue"));
        rows.add(row("negative value -1e20", OUTCOME, with(OUTCOME_JSON, "values.revenue", "-1e20"),
                NUMBER_OUT_OF_RANGE, "values.revenue"));
        // Configuration
        rows.add(row("unknown experiment", PREDICTION, with(PREDICTION_JSON, "experiment_id", "\"nope\""),
                UNKNOWN_EXPERIMENT, "experiment_id"));
        rows.add(row("unknown variant", PREDICTION, with(PREDICTION_JSON, "variant", "\"treatment-9\""),
                UNKNOWN_VARIANT, "variant"));
        rows.add(row("variant of another experiment", PREDICTION, with(PREDICTION_JSON, "variant", "\"bert-v2\""),
                UNKNOWN_VARIANT, "variant"));
        rows.add(row("outcome with unknown experiment", OUTCOME, with(OUTCOME_JSON, "experiment_id", "\"nope\""),
                UNKNOWN_EXPERIMENT, "experiment_id"));
        rows.add(row("outcome with blank experiment", OUTCOME, with(OUTCOME_JSON, "experiment_id", "\"\""),
                UNKNOWN_EXPERIMENT, "experiment_id"));
        // Order: first problem in the fixed order, whatever the key order in the text
        rows.add(row("missing before wrong type", PREDICTION,
                without(with(PREDICTION_JSON, "event_id", "1"), "status"), MISSING_FIELD, "status"));
        rows.add(row("missing fields in contract order", PREDICTION,
                without(without(PREDICTION_JSON, "status"), "unit_id"), MISSING_FIELD, "unit_id"));
        rows.add(row("wrong type before empty", PREDICTION,
                with(with(PREDICTION_JSON, "event_id", "\"\""), "score", "\"high\""), WRONG_TYPE, "score"));
        rows.add(row("empty before negative latency", PREDICTION,
                with(with(PREDICTION_JSON, "latency_ms", "-3"), "request_id", "\"\""), EMPTY_FIELD, "request_id"));
        rows.add(row("value before experiment", PREDICTION,
                with(with(PREDICTION_JSON, "experiment_id", "\"nope\""), "status", "\"bad\""), INVALID_STATUS,
                "status"));
        rows.add(row("experiment before variant", PREDICTION,
                with(with(PREDICTION_JSON, "experiment_id", "\"nope\""), "variant", "\"x\""), UNKNOWN_EXPERIMENT,
                "experiment_id"));
        return rows;
    }

    private static Arguments row(String name, EventKind kind, String json, RejectReason reason, String field) {
        return Arguments.of(kind + ": " + name, kind, json, reason, field);
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @MethodSource("badInputs")
    void namesReasonAndField(String name, EventKind kind, String json, RejectReason reason, String field) {
        Validated<?> result = kind.validate(validator, json);

        assertFalse(result.isAccepted(), () -> "accepted: " + json);
        Rejection rejection = result.rejection();
        assertEquals(reason, rejection.reason(), rejection::detail);
        assertEquals(field, rejection.field(), rejection::detail);
        assertEquals(reason.name(), rejection.code());
        assertFalse(rejection.detail().isBlank());
        assertEquals(json == null ? "" : json, rejection.rawText());
        assertFalse(rejection.rawTruncated());
    }

    @Test
    void everyReasonOfTheValidatorHasARow() {
        Set<RejectReason> covered = badInputs().stream()
                .map(arguments -> (RejectReason) arguments.get()[3])
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectReason.class)));

        assertEquals(EnumSet.complementOf(EnumSet.of(RejectReason.LATE, RejectReason.FUTURE_EVENT_TIME)), covered);
    }

    @Test
    void everyRowIsValidBeforeItsEdit() {
        assertTrue(validator.prediction(PREDICTION_JSON).isAccepted());
        assertTrue(validator.outcome(OUTCOME_JSON).isAccepted());
    }
}
