package io.abtest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    @Test
    void writesFullPredictionCompactInSnakeCase() throws Exception {
        String written = EventJson.write(TestEvents.FULL_PREDICTION);

        assertEquals(EventJson.reader().readTree(TestEvents.PREDICTION_JSON), EventJson.reader().readTree(written));
        assertFalse(written.contains(" ") || written.contains("\n"), written);
    }

    @Test
    void omitsAbsentOptionalFieldsAndEmptyMapsButAlwaysWritesServed() {
        assertEquals("""
                {"event_id":"ev-2","experiment_id":"ranker-2024","variant":"control","unit_id":"user-43",\
                "request_id":"req-8","event_time":1717171717000,"latency_ms":0.0,"status":"timeout","served":true}""",
                EventJson.write(TestEvents.MINIMAL_PREDICTION));
    }

    @Test
    void writesMinimalOutcomeWithRequiredFieldsOnly() {
        assertEquals("""
                {"event_id":"out-2","request_id":"req-8","unit_id":"user-43","event_time":1717171800001}""",
                EventJson.write(TestEvents.MINIMAL_OUTCOME));
    }

    @Test
    void writesOutcomeValuesAsNumbers() {
        OutcomeEvent outcome = new OutcomeEvent("o", "r", "u", 5, "e", null, Map.of("revenue", 2.5));
        assertEquals("""
                {"event_id":"o","request_id":"r","unit_id":"u","event_time":5,"experiment_id":"e",\
                "values":{"revenue":2.5}}""", EventJson.write(outcome));
    }

    @Test
    void nonFiniteScoreIsWrittenAsStringWhichTheValidatorRejects() {
        PredictionEvent nanScore = new PredictionEvent("ev", TestEvents.EXPERIMENT, "control", "u", "r", 1, null, 1,
                PredictionStatus.ERROR, Double.NaN, null, true, Map.of());
        String json = EventJson.write(nanScore);
        assertTrue(json.contains("\"score\":\"NaN\""), json);

        Rejection rejection = new EventValidator(TestEvents.EXPERIMENTS).prediction(json).rejection();
        assertEquals(RejectReason.WRONG_TYPE, rejection.reason());
        assertEquals("score", rejection.field());
    }
}
