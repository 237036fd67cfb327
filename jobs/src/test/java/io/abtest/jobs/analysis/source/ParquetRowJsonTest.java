package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.event.EventValidator;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** A Parquet row rendered as JSON is judged by the validator exactly as the same event sent as JSON would be. */
class ParquetRowJsonTest {

    private final EventValidator validator = new EventValidator(EventFixtures.CATALOG.configs());

    @Test
    void rendersColumnsInContractOrderOmittingNullsAndEmptyMaps() {
        assertEquals("{\"event_id\":\"p-2\",\"experiment_id\":\"exp-1\",\"variant\":\"control\",\"unit_id\":\"u-2\","
                        + "\"request_id\":\"r-2\",\"event_time\":1764000000001,\"latency_ms\":0.0,"
                        + "\"status\":\"timeout\",\"served\":false}",
                ParquetRowJson.render(EventParquetFiles.toRecord(EventFixtures.SHADOW_PREDICTION)));
    }

    @Test
    void validEventsComeBackEqual() {
        for (var event : new io.abtest.event.PredictionEvent[] {EventFixtures.FULL_PREDICTION,
                EventFixtures.SHADOW_PREDICTION, EventFixtures.ERROR_PREDICTION}) {
            assertEquals(event, validator.prediction(ParquetRowJson.render(EventParquetFiles.toRecord(event))).event());
        }
        for (var event : new io.abtest.event.OutcomeEvent[] {EventFixtures.FULL_OUTCOME, EventFixtures.BARE_OUTCOME}) {
            assertEquals(event, validator.outcome(ParquetRowJson.render(EventParquetFiles.toRecord(event))).event());
        }
    }

    @Test
    void nullServedMeansServed() {
        GenericRecord row = EventParquetFiles.toRecord(EventFixtures.SHADOW_PREDICTION);
        row.put("served", null);
        assertEquals(true, validator.prediction(ParquetRowJson.render(row)).event().served());
    }

    @Test
    void nullRequiredColumnIsMissingField() {
        GenericRecord row = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        row.put("event_time", null);
        assertRejected(RejectReason.MISSING_FIELD, "event_time", row);
        GenericRecord outcome = EventParquetFiles.toRecord(EventFixtures.FULL_OUTCOME);
        outcome.put("unit_id", null);
        Rejection rejection = validator.outcome(ParquetRowJson.render(outcome)).rejection();
        assertEquals(RejectReason.MISSING_FIELD, rejection.reason());
        assertEquals("unit_id", rejection.field());
    }

    @Test
    void badValuesAreTheValidatorsToCatch() {
        GenericRecord negative = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        negative.put("latency_ms", -1.0);
        assertRejected(RejectReason.NEGATIVE_LATENCY, "latency_ms", negative);

        GenericRecord notANumber = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        notANumber.put("score", Double.NaN);
        assertRejected(RejectReason.WRONG_TYPE, "score", notANumber);

        GenericRecord status = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        status.put("status", "OK");
        assertRejected(RejectReason.INVALID_STATUS, "status", status);

        GenericRecord blank = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        blank.put("unit_id", " ");
        assertRejected(RejectReason.EMPTY_FIELD, "unit_id", blank);

        GenericRecord nullEntry = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("country", null);
        nullEntry.put("attributes", attributes);
        assertRejected(RejectReason.WRONG_TYPE, "attributes.country", nullEntry);

        GenericRecord unknown = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        unknown.put("variant", "challenger");
        assertRejected(RejectReason.UNKNOWN_VARIANT, "variant", unknown);
    }

    private void assertRejected(RejectReason reason, String field, GenericRecord row) {
        String json = ParquetRowJson.render(row);
        Rejection rejection = validator.prediction(json).rejection();
        assertEquals(reason, rejection.reason(), json);
        assertEquals(field, rejection.field(), json);
        assertEquals(json, rejection.rawText());
    }
}
