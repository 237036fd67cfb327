package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.EventJson;
import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet rows read straight into events judge as the same events sent as JSON do: valid ones come back equal and
 * carry no text, bad ones get the reason code and field the validator gives the JSON, with the row rendered as JSON
 * for the dead letter.
 */
class ParquetRowEventsTest {

    private final EventValidator validator = new EventValidator(EventFixtures.CATALOG.configs());

    @TempDir
    Path dir;

    private int files;

    @Test
    void validEventsComeBackEqualWithoutText() throws IOException {
        List<PredictionEvent> predictions = List.of(EventFixtures.FULL_PREDICTION, EventFixtures.SHADOW_PREDICTION,
                EventFixtures.ERROR_PREDICTION);
        List<OutcomeEvent> outcomes = List.of(EventFixtures.FULL_OUTCOME, EventFixtures.BARE_OUTCOME);
        Path predictionFile = dir.resolve("p.parquet");
        Path outcomeFile = dir.resolve("o.parquet");
        EventParquetFiles.writePredictions(predictionFile, predictions);
        EventParquetFiles.writeOutcomes(outcomeFile, outcomes);

        List<InputRecord> predictionRows = ParquetFileRows.read(EventKind.PREDICTION, predictionFile);
        List<InputRecord> outcomeRows = ParquetFileRows.read(EventKind.OUTCOME, outcomeFile);

        assertEquals(predictions, predictionRows.stream().map(InputRecord::prediction).toList());
        assertEquals(outcomes, outcomeRows.stream().map(InputRecord::outcome).toList());
        for (InputRecord row : predictionRows) {
            assertNull(row.text());
            assertEquals(predictionFile.toUri().getPath(), new org.apache.flink.core.fs.Path(row.source()).getPath());
        }
    }

    @Test
    void aRestoredSplitSkipsTheRowsAlreadyRead() throws IOException {
        Path file = dir.resolve("p.parquet");
        EventParquetFiles.writePredictions(file, List.of(EventFixtures.FULL_PREDICTION,
                EventFixtures.SHADOW_PREDICTION, EventFixtures.ERROR_PREDICTION));

        assertEquals(List.of(EventFixtures.ERROR_PREDICTION),
                ParquetFileRows.read(EventKind.PREDICTION, file, 2).stream().map(InputRecord::prediction).toList());
    }

    /** A batch rerun bounds event times by the wall clock as a stream does: an hour ahead counts, a day does not. */
    @Test
    void aRowFurtherAheadOfTheClockThanTheSkewIsFuture() throws IOException {
        long now = System.currentTimeMillis();
        PredictionEvent dayAhead = withTime(EventFixtures.FULL_PREDICTION, now + 86_400_000L);
        PredictionEvent minuteAhead = withTime(EventFixtures.SHADOW_PREDICTION, now + 60_000);
        Path file = dir.resolve("future.parquet");
        EventParquetFiles.writePredictions(file, List.of(dayAhead, minuteAhead));

        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION, file);

        Rejection rejection = rows.get(0).rejection();
        assertEquals(RejectReason.FUTURE_EVENT_TIME, rejection.reason());
        assertEquals("event_time", rejection.field());
        assertEquals(dayAhead, EventJson.reader().forType(PredictionEvent.class).readValue(rejection.rawText()));
        assertEquals(Long.MIN_VALUE, rows.get(0).eventTime());
        assertEquals(minuteAhead, rows.get(1).prediction());
    }

    private static PredictionEvent withTime(PredictionEvent p, long eventTime) {
        return new PredictionEvent(p.eventId(), p.experimentId(), p.variant(), p.unitId(), p.requestId(), eventTime,
                p.modelVersion(), p.latencyMs(), p.status(), p.score(), p.predictedLabel(), p.served(), p.attributes());
    }

    @Test
    void nullServedMeansServed() throws IOException {
        GenericRecord row = EventParquetFiles.toRecord(EventFixtures.SHADOW_PREDICTION);
        row.put("served", null);
        assertEquals(true, readPrediction(row).prediction().served());
    }

    @Test
    void nullRequiredColumnIsMissingField() throws IOException {
        GenericRecord row = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        row.put("event_time", null);
        assertRejectedAsJsonIs(RejectReason.MISSING_FIELD, "event_time", row);
        GenericRecord outcome = EventParquetFiles.toRecord(EventFixtures.FULL_OUTCOME);
        outcome.put("unit_id", null);
        Path file = dir.resolve("o.parquet");
        EventParquetFiles.writeRows(file, EventParquetSchemas.OUTCOME, List.of(outcome));
        Rejection rejection = ParquetFileRows.read(EventKind.OUTCOME, file).get(0).rejection();
        assertEquals(RejectReason.MISSING_FIELD, rejection.reason());
        assertEquals("unit_id", rejection.field());
    }

    @Test
    void badValuesGetTheReasonTheirJsonGets() throws IOException {
        GenericRecord negative = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        negative.put("latency_ms", -1.0);
        assertRejectedAsJsonIs(RejectReason.NEGATIVE_LATENCY, "latency_ms", negative);

        GenericRecord status = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        status.put("status", "OK");
        assertRejectedAsJsonIs(RejectReason.INVALID_STATUS, "status", status);

        GenericRecord blank = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        blank.put("unit_id", " ");
        assertRejectedAsJsonIs(RejectReason.EMPTY_FIELD, "unit_id", blank);

        GenericRecord nullEntry = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("country", null);
        nullEntry.put("attributes", attributes);
        assertRejectedAsJsonIs(RejectReason.WRONG_TYPE, "attributes.country", nullEntry);

        GenericRecord unknown = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        unknown.put("variant", "challenger");
        assertRejectedAsJsonIs(RejectReason.UNKNOWN_VARIANT, "variant", unknown);

        GenericRecord experiment = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        experiment.put("experiment_id", "nope");
        assertRejectedAsJsonIs(RejectReason.UNKNOWN_EXPERIMENT, "experiment_id", experiment);
    }

    /** JSON has no NaN: the row's NaN is a wrong type, as the string "NaN" EventJson writes for it is. */
    @Test
    void aNonFiniteNumberIsAWrongType() throws IOException {
        GenericRecord notANumber = EventParquetFiles.toRecord(EventFixtures.FULL_PREDICTION);
        notANumber.put("score", Double.NaN);
        Rejection rejection = readPrediction(notANumber).rejection();
        assertEquals(RejectReason.WRONG_TYPE, rejection.reason());
        assertEquals("score", rejection.field());
        PredictionEvent event = EventFixtures.FULL_PREDICTION;
        PredictionEvent withNaN = new PredictionEvent(event.eventId(), event.experimentId(), event.variant(),
                event.unitId(), event.requestId(), event.eventTime(), event.modelVersion(), event.latencyMs(),
                event.status(), Double.NaN, event.predictedLabel(), event.served(), event.attributes());
        assertEquals(RejectReason.WRONG_TYPE, validator.prediction(EventJson.write(withNaN)).rejection().reason());
    }

    @Test
    void otherColumnsAreNotReadAndMissingOnesAreNull() throws IOException {
        Schema narrow = SchemaBuilder.record("PredictionEvent").fields()
                .optionalString("event_id").optionalString("trace").endRecord();
        GenericData.Record row = new GenericData.Record(narrow);
        row.put("event_id", "p-9");
        row.put("trace", "ignored");
        Path file = dir.resolve("narrow.parquet");
        EventParquetFiles.writeRows(file, narrow, List.of(row));

        Rejection rejection = ParquetFileRows.read(EventKind.PREDICTION, file).get(0).rejection();

        assertEquals(RejectReason.MISSING_FIELD, rejection.reason());
        assertEquals("experiment_id", rejection.field());
        assertEquals("{\"event_id\":\"p-9\"}", rejection.rawText());
    }

    @Test
    void aColumnOfTheWrongTypeFailsTheFile() {
        Schema wrong = SchemaBuilder.record("PredictionEvent").fields().optionalString("event_time").endRecord();
        GenericData.Record row = new GenericData.Record(wrong);
        row.put("event_time", "yesterday");
        Path file = dir.resolve("wrong.parquet");
        EventParquetFiles.writeRows(file, wrong, List.of(row));

        IOException failure = assertThrows(IOException.class, () -> ParquetFileRows.read(EventKind.PREDICTION, file));
        assertTrue(failure.getMessage().contains("event_time"), failure.getMessage());
    }

    /** The row is rejected with the reason and field its JSON (the dead letter's raw text) gets from the validator. */
    private void assertRejectedAsJsonIs(RejectReason reason, String field, GenericRecord row) throws IOException {
        Rejection rejection = readPrediction(row).rejection();
        assertEquals(reason, rejection.reason(), rejection.rawText());
        assertEquals(field, rejection.field(), rejection.rawText());
        Rejection asJson = validator.prediction(rejection.rawText()).rejection();
        assertEquals(asJson, rejection);
    }

    private InputRecord readPrediction(GenericRecord row) throws IOException {
        Path file = dir.resolve("row-" + files++ + ".parquet");
        EventParquetFiles.writeRows(file, EventParquetSchemas.PREDICTION, List.of(row));
        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION, file);
        assertEquals(1, rows.size());
        return rows.get(0);
    }
}
