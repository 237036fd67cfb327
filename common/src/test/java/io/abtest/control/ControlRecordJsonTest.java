package io.abtest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecordJson.Result;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlRecordJsonTest {

    private static ControlRecord parsed(String json) {
        return assertInstanceOf(Result.Parsed.class, ControlRecordJson.parse(json)).record();
    }

    private static Result.Rejected rejected(String json) {
        return assertInstanceOf(Result.Rejected.class, ControlRecordJson.parse(json));
    }

    @Test
    void readsAllFieldsWithAnRfc3339Timestamp() {
        ControlRecord record = parsed("""
                {"experiment_id": "ranker-v2", "state": "RUNNING",
                 "weights": {"control": 0.9, "challenger": 0.1},
                 "reason": "ramp step 2", "updated_at": "2025-03-01T12:00:00.250Z"}""");

        assertEquals(new ControlRecord("ranker-v2", ControlState.RUNNING,
                Map.of("control", 0.9, "challenger", 0.1), "ramp step 2",
                Instant.parse("2025-03-01T12:00:00.250Z")), record);
    }

    @Test
    void readsEpochMillisecondsAsTheSameInstant() {
        ControlRecord record = parsed("""
                {"experiment_id": "e", "state": "STOPPED", "updated_at": 1740830400250}""");

        assertEquals(Instant.parse("2025-03-01T12:00:00.250Z"), record.updatedAt());
        assertEquals(ControlState.STOPPED, record.state());
    }

    @Test
    void convertsAnOffsetTimestampToUtcAndAcceptsLowerCaseSeparators() {
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"),
                parsed("{\"experiment_id\":\"e\",\"state\":\"ROLLED_OUT\",\"updated_at\":\"2025-03-01T13:00:00+01:00\"}")
                        .updatedAt());
        assertEquals(Instant.parse("2025-03-01T12:00:00Z"),
                parsed("{\"experiment_id\":\"e\",\"state\":\"ROLLED_OUT\",\"updated_at\":\"2025-03-01t12:00:00z\"}")
                        .updatedAt());
    }

    @Test
    void optionalFieldsDefaultToEmptyWeightsAndNoReason() {
        ControlRecord record = parsed("{\"experiment_id\":\"e\",\"state\":\"STOPPED\",\"updated_at\":0,\"weights\":null}");

        assertEquals(Map.of(), record.weights());
        assertNull(record.reason());
        assertEquals(Instant.EPOCH, record.updatedAt());
    }

    @Test
    void ignoresUnknownFields() {
        assertEquals("e", parsed("{\"experiment_id\":\"e\",\"state\":\"STOPPED\",\"updated_at\":0,\"by\":\"oncall\"}")
                .experimentId());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            experiment_id       | {"state":"STOPPED","updated_at":0}                                        | missing
            experiment_id       | {"experiment_id":7,"state":"STOPPED","updated_at":0}                      | must be a non-blank string
            experiment_id       | {"experiment_id":"  ","state":"STOPPED","updated_at":0}                   | must be a non-blank string
            state               | {"experiment_id":"e","updated_at":0}                                      | missing
            state               | {"experiment_id":"e","state":"running","updated_at":0}                    | 'running' is not one of [RUNNING, STOPPED, ROLLED_OUT]
            state               | {"experiment_id":"e","state":1,"updated_at":0}                            | must be a string, one of [RUNNING, STOPPED, ROLLED_OUT]
            reason              | {"experiment_id":"e","state":"STOPPED","updated_at":0,"reason":5}         | must be a string
            weights             | {"experiment_id":"e","state":"RUNNING","updated_at":0,"weights":[1]}      | must be an object of variant name to weight
            weights.b           | {"experiment_id":"e","state":"RUNNING","updated_at":0,"weights":{"a":1,"b":-0.5}} | must be a finite number >= 0
            weights.a           | {"experiment_id":"e","state":"RUNNING","updated_at":0,"weights":{"a":"1"}} | must be a finite number >= 0
            weights.a           | {"experiment_id":"e","state":"RUNNING","updated_at":0,"weights":{"a":1e400}} | must be a finite number >= 0
            coverage            | {"experiment_id":"e","state":"RUNNING","updated_at":0,"coverage":0}       | must be a number in (0, 1]
            coverage            | {"experiment_id":"e","state":"RUNNING","updated_at":0,"coverage":1.5}     | must be a number in (0, 1]
            coverage            | {"experiment_id":"e","state":"RUNNING","updated_at":0,"coverage":-0.1}    | must be a number in (0, 1]
            coverage            | {"experiment_id":"e","state":"RUNNING","updated_at":0,"coverage":"0.5"}   | must be a number in (0, 1]
            coverage            | {"experiment_id":"e","state":"RUNNING","updated_at":0,"coverage":1e400}   | must be a number in (0, 1]
            updated_at          | {"experiment_id":"e","state":"STOPPED"}                                   | missing
            updated_at          | {"experiment_id":"e","state":"STOPPED","updated_at":"2025-03-01 12:00"}   | must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds
            updated_at          | {"experiment_id":"e","state":"STOPPED","updated_at":"2025-03-01T12:00:00"} | must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds
            updated_at          | {"experiment_id":"e","state":"STOPPED","updated_at":1.5}                  | must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds
            updated_at          | {"experiment_id":"e","state":"STOPPED","updated_at":null}                 | must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds
            updated_at          | {"experiment_id":"e","state":"STOPPED","updated_at":99999999999999999999} | must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds
            $                   | [1, 2]                                                                    | must be a JSON object
            $                   | ''                                                                        | must be a JSON object
            """)
    void namesTheFieldAndTheProblem(String field, String json, String problem) {
        assertEquals(new Result.Rejected(field, problem), rejected(json));
    }

    @Test
    void rejectsTextThatIsNotJsonWithoutThrowing() {
        Result.Rejected rejection = rejected("{\"experiment_id\": \"e\", \"state\": ");
        assertEquals(ControlRecordJson.WHOLE_VALUE, rejection.field());
        assertTrue(rejection.problem().startsWith("not valid JSON: "), rejection.problem());
    }

    @Test
    void rejectsDuplicateFields() {
        Result.Rejected rejection = rejected(
                "{\"experiment_id\":\"e\",\"state\":\"RUNNING\",\"state\":\"STOPPED\",\"updated_at\":0}");
        assertEquals(ControlRecordJson.WHOLE_VALUE, rejection.field());
        assertTrue(rejection.problem().contains("Duplicate field 'state'"), rejection.problem());
    }

    @Test
    void rejectsBytesThatAreNotUtf8WithoutThrowing() {
        Result result = ControlRecordJson.parse(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'});
        assertEquals(ControlRecordJson.WHOLE_VALUE, assertInstanceOf(Result.Rejected.class, result).field());
    }

    @Test
    void treatsANullValueAsATombstone() {
        assertInstanceOf(Result.Tombstone.class, ControlRecordJson.parse((byte[]) null));
        assertInstanceOf(Result.Tombstone.class, ControlRecordJson.parse((String) null));
    }

    @Test
    void writesTheContractShapeWithSortedWeightsAndAnRfc3339Timestamp() {
        ControlRecord record = new ControlRecord("ranker-v2", ControlState.RUNNING,
                Map.of("control", 0.9, "challenger", 0.1), "ramp step 2", Instant.ofEpochMilli(1740830400250L));

        assertEquals("{\"experiment_id\":\"ranker-v2\",\"state\":\"RUNNING\","
                + "\"weights\":{\"challenger\":0.1,\"control\":0.9},"
                + "\"reason\":\"ramp step 2\",\"updated_at\":\"2025-03-01T12:00:00.250Z\"}",
                ControlRecordJson.write(record));
    }

    @Test
    void roundTripsEveryState() {
        for (ControlState state : ControlState.values()) {
            ControlRecord record = new ControlRecord("exp-" + state, state, Map.of("a", 0.0, "b", 2.5e-3), null,
                    Instant.parse("2030-12-31T23:59:59.999Z"));

            assertEquals(record, parsed(ControlRecordJson.write(record)));
            assertEquals(new Result.Parsed(record), ControlRecordJson.parse(ControlRecordJson.writeBytes(record)));
        }
    }

    @Test
    void readsCoverageAndTreatsAbsentOrNullAsNotSet() {
        assertEquals(0.25, parsed("""
                {"experiment_id": "e", "state": "RUNNING", "coverage": 0.25, "updated_at": 0}""").coverage());
        assertEquals(1.0, parsed("""
                {"experiment_id": "e", "state": "RUNNING", "coverage": 1, "updated_at": 0}""").coverage());
        assertNull(parsed("""
                {"experiment_id": "e", "state": "RUNNING", "coverage": null, "updated_at": 0}""").coverage());
        assertNull(parsed("""
                {"experiment_id": "e", "state": "RUNNING", "updated_at": 0}""").coverage());
    }

    @Test
    void writesCoverageAfterTheWeightsOnlyWhenSet() {
        ControlRecord record = new ControlRecord("ranker-v2", ControlState.RUNNING,
                Map.of(), 0.1, "ramp by coverage", Instant.ofEpochMilli(1740830400250L));

        assertEquals("{\"experiment_id\":\"ranker-v2\",\"state\":\"RUNNING\",\"weights\":{},"
                + "\"coverage\":0.1,\"reason\":\"ramp by coverage\",\"updated_at\":\"2025-03-01T12:00:00.250Z\"}",
                ControlRecordJson.write(record));
        assertEquals(record, parsed(ControlRecordJson.write(record)));
    }
}
