package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that pyarrow and pandas wrote ({@code jobs/src/test/python/write_parquet_shapes.py}, files under
 * {@code shapes/cases} and {@code shapes/unreadable}) read row by row: every row gives the record its JSON line gives
 * (the same event, or the same reason, field and detail), whatever the shape of its columns; a schema no event column
 * is read from fails the file, naming it and the column.
 */
class ParquetShapesTest {

    static final Path SHAPES = resource("shapes");

    private final JsonEventReader json = new JsonEventReader(EventFixtures.CATALOG);

    @ParameterizedTest
    @ValueSource(strings = {"attributes_struct", "values_struct", "values_map_int64", "values_map_string",
        "values_map_float32", "attributes_map_int32", "attributes_json_string", "numbers_as_int64",
        "numbers_as_float32", "event_time_uint64", "event_time_timestamp_ms", "event_time_timestamp_ms_utc",
        "event_time_timestamp_us", "event_time_timestamp_us_utc", "event_time_timestamp_ns",
        "event_time_timestamp_ns_utc", "event_time_int96", "numbers_as_decimal", "numbers_as_decimal_integers",
        "values_struct_decimal", "null_typed_columns"})
    void everyRowReadsAsItsJsonLine(String name) throws IOException {
        EventKind kind = name.startsWith("values") ? EventKind.OUTCOME : EventKind.PREDICTION;
        List<InputRecord> rows = ParquetFileRows.read(kind, SHAPES.resolve("cases/" + name + ".parquet"));
        List<String> lines = Files.readAllLines(SHAPES.resolve("cases/" + name + ".jsonl"));

        assertEquals(lines.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InputRecord expected = json.read(kind, "json", lines.get(i));
            InputRecord actual = rows.get(i);
            assertEquals(expected.accepted(), actual.accepted(), lines.get(i) + " read as " + actual);
            if (expected.accepted()) {
                assertEquals(expected.prediction(), actual.prediction(), lines.get(i));
                assertEquals(expected.outcome(), actual.outcome(), lines.get(i));
            } else {
                assertEquals(expected.rejection().reason(), actual.rejection().reason(), lines.get(i));
                assertEquals(expected.rejection().field(), actual.rejection().field(), lines.get(i));
                assertEquals(expected.rejection().detail(), actual.rejection().detail(), lines.get(i));
            }
        }
    }

    @Test
    void aStructFieldThatIsNullIsAnAbsentKeyAndANullOrEmptyStructNoAttributes() throws IOException {
        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION,
                SHAPES.resolve("cases/attributes_struct.parquet"));

        assertEquals(Map.of("country", "US", "device", "ios"), rows.get(0).prediction().attributes());
        assertEquals(Map.of("country", "DE"), rows.get(1).prediction().attributes());
        assertEquals(Map.of(), rows.get(2).prediction().attributes(), "null struct");
        assertEquals(Map.of(), rows.get(3).prediction().attributes(), "every field null");
        assertEquals(Map.of("device", ""), rows.get(4).prediction().attributes());
    }

    @Test
    void anEntryOfAnotherTypeIsAWrongTypeOfThatEntryAsInJson() throws IOException {
        assertRejected("cases/attributes_struct.parquet", EventKind.PREDICTION, 5, RejectReason.WRONG_TYPE,
                "attributes.tier", "expected a string, found NUMBER");
        assertRejected("cases/attributes_struct.parquet", EventKind.PREDICTION, 6, RejectReason.WRONG_TYPE,
                "attributes.beta", "expected a string, found BOOLEAN");
        assertRejected("cases/values_struct.parquet", EventKind.OUTCOME, 4, RejectReason.WRONG_TYPE,
                "values.clicked", "expected a number, found BOOLEAN");
        assertRejected("cases/values_struct.parquet", EventKind.OUTCOME, 5, RejectReason.WRONG_TYPE,
                "values.coupon", "expected a number, found STRING");
        assertRejected("cases/values_map_string.parquet", EventKind.OUTCOME, 0, RejectReason.WRONG_TYPE,
                "values.converted", "expected a number, found STRING");
        List<InputRecord> integers = ParquetFileRows.read(EventKind.OUTCOME,
                SHAPES.resolve("cases/values_struct.parquet"));
        assertEquals(Map.of("revenue", -2.5, "items", 3.0), integers.get(6).outcome().values());
        assertEquals(Map.of("converted", 1.0, "revenue", 19.99), integers.get(0).outcome().values());
    }

    @Test
    void aJsonStringColumnIsReadAsTheObjectItHoldsAndEmptyTextAsNoMap() throws IOException {
        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION,
                SHAPES.resolve("cases/attributes_json_string.parquet"));

        assertEquals(Map.of("country", "US", "device", "ios"), rows.get(0).prediction().attributes());
        for (int empty = 1; empty <= 4; empty++) {
            assertEquals(Map.of(), rows.get(empty).prediction().attributes(), "\"\", null, {} and JSON null");
        }
        assertEquals("expected an object, found ARRAY", rows.get(6).rejection().detail());
        assertEquals("attributes.country", rows.get(7).rejection().field());
    }

    @Test
    void textThatIsNotJsonInAJsonStringColumnIsMalformedJsonOfThatColumnBeforeAnyOtherCheck() throws IOException {
        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION,
                SHAPES.resolve("cases/attributes_json_string_malformed.parquet"));

        for (InputRecord row : rows) {
            assertEquals(RejectReason.MALFORMED_JSON, row.rejection().reason(), row.toString());
            assertEquals("attributes", row.rejection().field());
            assertTrue(row.rejection().detail().startsWith("the text of this JSON-string column is not valid JSON at "
                    + "line 1, column "), row.rejection().detail());
        }
        assertTrue(rows.get(0).rejection().rawText().contains("\"attributes\":\"{country: US}\""),
                rows.get(0).rejection().rawText());
        assertTrue(rows.get(1).rejection().detail().contains("Duplicate field 'country'"),
                rows.get(1).rejection().detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_time_timestamp_ms", "event_time_timestamp_ms_utc", "event_time_timestamp_us",
        "event_time_timestamp_us_utc", "event_time_timestamp_ns", "event_time_timestamp_ns_utc", "event_time_int96"})
    void timestampsAreEpochMillisecondsRoundedDown(String name) throws IOException {
        List<Long> times = ParquetFileRows.read(EventKind.PREDICTION, SHAPES.resolve("cases/" + name + ".parquet"))
                .stream().map(ParquetShapesTest::eventTime).toList();

        assertEquals(List.of(EventFixtures.T0, EventFixtures.T0 + 1, -1L, -86_400_001L, 0L), times);
    }

    /** The row's event time; for a row rejected as before 2000, the time its rejection names. */
    private static long eventTime(InputRecord row) {
        if (row.prediction() != null) {
            return row.prediction().eventTime();
        }
        assertEquals(RejectReason.EVENT_TIME_BEFORE_2000, row.rejection().reason(), row.toString());
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("epoch milliseconds (-?\\d+) ")
                .matcher(row.rejection().detail());
        assertTrue(named.find(), row.rejection().detail());
        return Long.parseLong(named.group(1));
    }

    @Test
    void integerAndDecimalNumberColumnsAreNumbersAndAnUnsignedTimeBeyondALongIsAWrongType() throws IOException {
        List<InputRecord> numbers = ParquetFileRows.read(EventKind.PREDICTION,
                SHAPES.resolve("cases/numbers_as_int64.parquet"));
        assertEquals(12.0, numbers.get(0).prediction().latencyMs());
        assertEquals(1.0, numbers.get(0).prediction().score());
        for (String decimals : List.of("numbers_as_decimal", "numbers_as_decimal_integers")) {
            List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION,
                    SHAPES.resolve("cases/" + decimals + ".parquet"));
            assertEquals(12.5, rows.get(0).prediction().latencyMs());
            assertEquals(0.8125, rows.get(0).prediction().score());
            assertEquals(RejectReason.NEGATIVE_LATENCY, rows.get(1).rejection().reason());
        }
        assertRejected("cases/event_time_uint64.parquet", EventKind.PREDICTION, 1, RejectReason.WRONG_TYPE,
                "event_time", "expected an integral number of epoch milliseconds fitting in 64 bits, found NUMBER "
                        + "9223372036854775815");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "values_list|OUTCOME|values|optional group values (LIST) { repeated group list { optional double element; } };"
                + " values is read from a map<string, double>",
        "attributes_nested_struct|PREDICTION|attributes.geo|optional group geo { optional binary country (STRING); };"
                + " a map value or struct field is read from a string, integer, floating-point, decimal or boolean",
        "attributes_map_of_lists|PREDICTION|attributes (map values)|optional group value (LIST)",
        "event_time_string|PREDICTION|event_time|optional binary event_time (STRING); event_time is read from int64"
                + " or int32 epoch milliseconds, or a timestamp",
        "event_time_double|PREDICTION|event_time|optional double event_time;",
        "latency_string|PREDICTION|latency_ms|optional binary latency_ms (STRING); latency_ms is read from a double,"
                + " float, integer or decimal column"})
    void aColumnNoEventFieldIsReadFromFailsTheFileNamingItAndTheColumn(String name, EventKind kind, String column,
            String stored) {
        Path file = SHAPES.resolve("unreadable/" + name + ".parquet");

        UnreadableColumnException failure = assertThrows(UnreadableColumnException.class,
                () -> ParquetFileRows.read(kind, file));

        String prefix = "cannot read Parquet file " + new org.apache.flink.core.fs.Path(file.toUri()) + ": column "
                + column + " is stored as ";
        assertTrue(failure.getMessage().startsWith(prefix), failure.getMessage());
        assertTrue(failure.getMessage().contains(stored), failure.getMessage());
    }

    /**
     * A plain int32 column where a string is expected, written by parquet-avro (which writes statistics): with values
     * it fails the file when it opens; with nulls only it is read as absent, as pyarrow's null-typed columns are.
     */
    @Test
    void anInt32ColumnWhereAStringIsExpectedFailsUnlessItsStatisticsCountOnlyNulls(@TempDir Path dir)
            throws IOException {
        Schema schema = SchemaBuilder.record("PredictionEvent").fields()
                .optionalString("event_id").optionalInt("predicted_label").endRecord();
        GenericData.Record labelled = new GenericData.Record(schema);
        labelled.put("event_id", "i-1");
        labelled.put("predicted_label", 1);
        GenericData.Record unlabelled = new GenericData.Record(schema);
        unlabelled.put("event_id", "i-2");
        Path withValues = dir.resolve("with-values.parquet");
        Path nullsOnly = dir.resolve("nulls-only.parquet");
        EventParquetFiles.writeRows(withValues, schema, List.of(unlabelled, labelled));
        EventParquetFiles.writeRows(nullsOnly, schema, List.of(unlabelled, unlabelled));

        UnreadableColumnException failure = assertThrows(UnreadableColumnException.class,
                () -> ParquetFileRows.read(EventKind.PREDICTION, withValues));
        assertTrue(failure.getMessage().contains("column predicted_label is stored as optional int32 predicted_label;"),
                failure.getMessage());
        List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION, nullsOnly);
        assertEquals("{\"event_id\":\"i-2\"}", rows.get(0).rejection().rawText());
    }

    /**
     * Without value statistics a plain int32 may still be a null-typed column: parquet-java's null count tells it
     * apart at open; where no statistics at all are written, its first value fails the file instead.
     */
    @Test
    void anInt32ColumnWithoutValueStatisticsFailsTheFile(@TempDir Path dir) throws Exception {
        Schema schema = SchemaBuilder.record("PredictionEvent").fields()
                .optionalString("event_id").optionalInt("predicted_label").endRecord();
        GenericData.Record labelled = new GenericData.Record(schema);
        labelled.put("event_id", "i-1");
        labelled.put("predicted_label", 1);
        Path file = dir.resolve("no-statistics.parquet");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema).withDataModel(GenericData.get()).withStatisticsEnabled(false).build()) {
            writer.write(labelled);
        }

        Exception failure = assertThrows(Exception.class, () -> ParquetFileRows.read(EventKind.PREDICTION, file));
        String message = UnreadableColumnException.messageIn(failure).orElseThrow(() -> failure);
        assertTrue(message.contains("column predicted_label is stored as optional int32 predicted_label;"), message);

        UnreadableColumnException unreadable = (UnreadableColumnException) failure;
        Exception atFirstValue = assertThrows(Exception.class, () -> new ParquetNullColumn(unreadable).addInt(1));
        assertEquals(Optional.of(message), UnreadableColumnException.messageIn(atFirstValue));
    }

    private static void assertRejected(String file, EventKind kind, int row, RejectReason reason, String field,
            String detail) throws IOException {
        Rejection rejection = ParquetFileRows.read(kind, SHAPES.resolve(file)).get(row).rejection();
        assertNotNull(rejection, file + " row " + row);
        assertEquals(reason, rejection.reason());
        assertEquals(field, rejection.field());
        assertEquals(detail, rejection.detail());
    }

    static Path resource(String name) {
        try {
            return Path.of(ParquetShapesTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
