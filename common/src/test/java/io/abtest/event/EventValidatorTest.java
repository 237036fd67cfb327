package io.abtest.event;

import static io.abtest.event.JsonEdits.with;
import static io.abtest.event.JsonEdits.without;
import static io.abtest.event.TestEvents.OUTCOME_JSON;
import static io.abtest.event.TestEvents.PREDICTION_JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(TestEvents.EXPERIMENTS);

    @Test
    void fullPredictionRoundTrips() {
        assertEquals(TestEvents.FULL_PREDICTION,
                validator.prediction(EventJson.write(TestEvents.FULL_PREDICTION)).event());
    }

    @Test
    void minimalPredictionRoundTrips() {
        assertEquals(TestEvents.MINIMAL_PREDICTION,
                validator.prediction(EventJson.write(TestEvents.MINIMAL_PREDICTION)).event());
    }

    @Test
    void fullOutcomeRoundTrips() {
        assertEquals(TestEvents.FULL_OUTCOME, validator.outcome(EventJson.write(TestEvents.FULL_OUTCOME)).event());
    }

    @Test
    void minimalOutcomeRoundTrips() {
        assertEquals(TestEvents.MINIMAL_OUTCOME,
                validator.outcome(EventJson.write(TestEvents.MINIMAL_OUTCOME)).event());
    }

    @Test
    void readsEveryPredictionField() {
        PredictionEvent event = validator.prediction(PREDICTION_JSON).event();

        assertEquals(TestEvents.FULL_PREDICTION, event);
        assertEquals(1_717_171_717_123L, event.eventTime());
        assertEquals(12.5, event.latencyMs());
        assertEquals(0.87, event.score());
        assertFalse(event.served());
        assertEquals(Map.of("country", "DE", "device", "ios"), event.attributes());
    }

    @Test
    void servedDefaultsToTrueWhenAbsentOrNull() {
        assertTrue(validator.prediction(without(PREDICTION_JSON, "served")).event().served());
        assertTrue(validator.prediction(with(PREDICTION_JSON, "served", "null")).event().served());
        assertTrue(validator.prediction(with(PREDICTION_JSON, "served", "true")).event().served());
    }

    @Test
    void absentOrNullOptionalFieldsAreNullOrEmpty() {
        String minimal = with(with(without(without(PREDICTION_JSON, "model_version"), "score"),
                "predicted_label", "null"), "attributes", "null");
        PredictionEvent event = validator.prediction(minimal).event();

        assertNull(event.modelVersion());
        assertNull(event.score());
        assertNull(event.predictedLabel());
        assertEquals(Map.of(), event.attributes());
    }

    @Test
    void acceptsIntegersForDoublesAndZeroLatency() {
        PredictionEvent event = validator.prediction(
                with(with(PREDICTION_JSON, "latency_ms", "0"), "score", "1")).event();
        assertEquals(0.0, event.latencyMs());
        assertEquals(1.0, event.score());

        OutcomeEvent outcome = validator.outcome(OUTCOME_JSON).event();
        assertEquals(Map.of("converted", 1.0, "revenue", 19.99), outcome.values());
    }

    @Test
    void acceptsEveryStatusWireName() {
        assertEquals(PredictionStatus.ERROR,
                validator.prediction(with(PREDICTION_JSON, "status", "\"error\"")).event().status());
        assertEquals(PredictionStatus.TIMEOUT,
                validator.prediction(with(PREDICTION_JSON, "status", "\"timeout\"")).event().status());
    }

    @Test
    void acceptsTheEdgesOfTheRanges() {
        assertEquals(EventValidator.EARLIEST_EVENT_TIME, validator.prediction(
                with(PREDICTION_JSON, "event_time", "946684800000")).event().eventTime());
        assertEquals(Long.MAX_VALUE, validator.prediction(
                with(PREDICTION_JSON, "event_time", Long.toString(Long.MAX_VALUE))).event().eventTime());
        assertEquals(0x1p53, validator.prediction(with(PREDICTION_JSON, "latency_ms", "9007199254740992"))
                .event().latencyMs());
        assertEquals(-0x1p53, validator.prediction(with(PREDICTION_JSON, "score", "-9.007199254740992e15"))
                .event().score());
    }

    @Test
    void ignoresUnknownFields() {
        String extended = with(with(PREDICTION_JSON, "region", "\"eu\""), "trace", "{\"id\":[1,2]}");

        assertEquals(TestEvents.FULL_PREDICTION, validator.prediction(extended).event());
    }

    @Test
    void acceptsOutcomeWithoutExperiment() {
        OutcomeEvent outcome = validator.outcome(without(OUTCOME_JSON, "experiment_id")).event();

        assertNull(outcome.experimentId());
    }

    @Test
    void acceptsOptionalStringsThatAreEmpty() {
        assertEquals("", validator.prediction(with(PREDICTION_JSON, "model_version", "\"\"")).event().modelVersion());
        assertEquals("", validator.outcome(with(OUTCOME_JSON, "label", "\"\"")).event().label());
    }

    @Test
    void validatesATreeParsedElsewhereAndKeepsItsRawText() throws Exception {
        String raw = with(PREDICTION_JSON, "latency_ms", "-2");

        Rejection rejection = validator.prediction(EventJson.reader().readTree(raw), raw).rejection();
        assertEquals(RejectReason.NEGATIVE_LATENCY, rejection.reason());
        assertEquals(raw, rejection.rawText());

        assertEquals(TestEvents.FULL_OUTCOME,
                validator.outcome(EventJson.reader().readTree(OUTCOME_JSON), OUTCOME_JSON).event());
    }

    @Test
    void treeOverloadsTreatNullAsMalformedAndNonObjectsAsNotAnObject() {
        Rejection nullTree = validator.outcome(null, null).rejection();
        assertEquals(RejectReason.MALFORMED_JSON, nullTree.reason());
        assertEquals("", nullTree.rawText());

        assertEquals(RejectReason.NOT_AN_OBJECT,
                validator.prediction(JsonNodeFactory.instance.arrayNode(), "[]").rejection().reason());
    }

    @Test
    void rejectionKeepsRawTextUpToTheLimit() {
        EventValidator small = new EventValidator(TestEvents.EXPERIMENTS, 10);
        String raw = with(PREDICTION_JSON, "status", "\"bad\"");

        Rejection rejection = small.prediction(raw).rejection();
        assertEquals(RejectReason.INVALID_STATUS, rejection.reason());
        assertEquals(raw.substring(0, 10), rejection.rawText());
        assertTrue(rejection.rawTruncated());
    }

    @Test
    void rejectionDoesNotSplitASurrogatePairAtTheLimit() {
        EventValidator small = new EventValidator(TestEvents.EXPERIMENTS, 4);

        Rejection rejection = small.prediction("\"ab\uD83D\uDE00\"").rejection();
        assertEquals(RejectReason.NOT_AN_OBJECT, rejection.reason());
        assertEquals("\"ab", rejection.rawText());
        assertTrue(rejection.rawTruncated());
    }

    @Test
    void defaultLimitIs4096Chars() {
        assertEquals(4096, EventValidator.DEFAULT_MAX_RAW_CHARS);
        String huge = "[" + "1,".repeat(5000) + "1]";

        Rejection rejection = validator.prediction(huge).rejection();
        assertEquals(RejectReason.NOT_AN_OBJECT, rejection.reason());
        assertEquals(4096, rejection.rawText().length());
        assertTrue(rejection.rawTruncated());
    }

    @Test
    void malformedDetailSaysWhere() {
        Rejection rejection = validator.prediction("{\"event_id\" 1}").rejection();

        assertTrue(rejection.detail().startsWith("not valid JSON at line 1, column "), rejection.detail());
    }

    @Test
    void accessorsOfTheOtherCaseThrow() {
        Validated<PredictionEvent> accepted = validator.prediction(PREDICTION_JSON);
        Validated<PredictionEvent> rejected = validator.prediction("{}");

        assertTrue(accepted instanceof Validated.Accepted<PredictionEvent>);
        assertTrue(rejected instanceof Validated.Rejected<PredictionEvent>);
        assertThrows(IllegalStateException.class, accepted::rejection);
        assertThrows(IllegalStateException.class, rejected::event);
    }

    @Test
    void rejectsANegativeLimitAtConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new EventValidator(Map.of(), -1));
    }
}
