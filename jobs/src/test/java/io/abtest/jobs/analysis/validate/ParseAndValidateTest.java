package io.abtest.jobs.analysis.validate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.source.JsonEventReader;
import io.abtest.jobs.analysis.source.MaxEventTimeSkew;
import io.abtest.jobs.analysis.records.ValidEvent;
import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParseAndValidateTest {

    private static final Instant SEEN = Instant.parse("2024-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(SEEN, ZoneOffset.UTC);

    private static final String PREDICTION = """
            {"event_id":"p-1","experiment_id":"ranker","variant":"challenger","unit_id":"u-1","request_id":"r-1",\
            "event_time":1717200000000,"latency_ms":12.5,"status":"ok","score":0.8,"predicted_label":"buy",\
            "served":true}""";

    private static final String OUTCOME = """
            {"event_id":"o-1","request_id":"r-1","unit_id":"u-1","event_time":1717200060000,\
            "experiment_id":"ranker","values":{"converted":1}}""";

    private final MetricCapture metrics = new MetricCapture();

    /** Every bad-input kind of CONTRACT.md section 1, with the reason code and field the dead-letter row names. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad(EventKind.PREDICTION, "{\"event_id\":", RejectReason.MALFORMED_JSON, null),
                bad(EventKind.PREDICTION, "", RejectReason.MALFORMED_JSON, null),
                bad(EventKind.OUTCOME, PREDICTION + " {}", RejectReason.MALFORMED_JSON, null),
                bad(EventKind.OUTCOME, "[1,2]", RejectReason.NOT_AN_OBJECT, null),
                bad(EventKind.PREDICTION, PREDICTION.replace("\"unit_id\":\"u-1\",", ""),
                        RejectReason.MISSING_FIELD, "unit_id"),
                bad(EventKind.OUTCOME, OUTCOME.replace("\"r-1\"", "null"), RejectReason.MISSING_FIELD, "request_id"),
                bad(EventKind.PREDICTION, PREDICTION.replace("\"challenger\"", "\"  \""),
                        RejectReason.EMPTY_FIELD, "variant"),
                bad(EventKind.PREDICTION, PREDICTION.replace("1717200000000", "\"yesterday\""),
                        RejectReason.WRONG_TYPE, "event_time"),
                bad(EventKind.PREDICTION, PREDICTION.replace("12.5", "\"12.5\""), RejectReason.WRONG_TYPE, "latency_ms"),
                bad(EventKind.OUTCOME, OUTCOME.replace("\"converted\":1", "\"converted\":\"yes\""),
                        RejectReason.WRONG_TYPE, "values.converted"),
                bad(EventKind.PREDICTION, PREDICTION.replace("12.5", "-0.5"), RejectReason.NEGATIVE_LATENCY, "latency_ms"),
                bad(EventKind.PREDICTION, PREDICTION.replace("\"ok\"", "\"OK\""), RejectReason.INVALID_STATUS, "status"),
                bad(EventKind.PREDICTION, PREDICTION.replace("\"ranker\"", "\"nope\""),
                        RejectReason.UNKNOWN_EXPERIMENT, "experiment_id"),
                bad(EventKind.OUTCOME, OUTCOME.replace("\"ranker\"", "\"nope\""),
                        RejectReason.UNKNOWN_EXPERIMENT, "experiment_id"),
                bad(EventKind.PREDICTION, PREDICTION.replace("\"challenger\"", "\"bert\""),
                        RejectReason.UNKNOWN_VARIANT, "variant"),
                bad(null, PREDICTION, RejectReason.MALFORMED_JSON, null));
    }

    private static Arguments bad(EventKind kind, String text, RejectReason reason, String field) {
        return Arguments.of(kind, text, reason, field);
    }

    @ParameterizedTest(name = "{2} {3}: {1}")
    @MethodSource("badInputs")
    void deadLettersEachBadInputWithItsReason(EventKind kind, String text, RejectReason reason, String field)
            throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness = harness(EventValidator.DEFAULT_MAX_RAW_CHARS);

        harness.processElement(new StreamRecord<>(input(kind, "ab.test", text)));

        List<DeadLetter> deadLetters = SideOutputs.values(harness, DeadLetterOutput.TAG);
        assertEquals(List.of(new DeadLetter("ab.test", reason.name(), field, deadLetters.get(0).detail(), text, false,
                SEEN.toEpochMilli())), deadLetters);
        assertTrue(harness.extractOutputValues().isEmpty());
        assertAll(
                () -> assertEquals(1, metrics.count("records_in")),
                () -> assertEquals(1, metrics.count("dead_lettered")),
                () -> assertEquals(1, metrics.count("reason." + reason.name() + ".dead_lettered")),
                () -> assertEquals(1, reasonCountSum()));
    }

    @Test
    void keepsNullTextAsEmptyRawText() throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness = harness(EventValidator.DEFAULT_MAX_RAW_CHARS);

        harness.processElement(new StreamRecord<>(input(EventKind.OUTCOME, "ab.outcomes", null)));

        DeadLetter deadLetter = SideOutputs.values(harness, DeadLetterOutput.TAG).get(0);
        assertEquals("MALFORMED_JSON", deadLetter.reason());
        assertEquals("", deadLetter.rawText());
        assertEquals(1, metrics.count("reason.MALFORMED_JSON.dead_lettered"));
    }

    @Test
    void truncatesRawTextToTheConfiguredLength() throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness = harness(10);

        harness.processElement(new StreamRecord<>(input(EventKind.PREDICTION, "ab.predictions",
                PREDICTION.replace("12.5", "-1"))));

        DeadLetter deadLetter = SideOutputs.values(harness, DeadLetterOutput.TAG).get(0);
        assertEquals(PREDICTION.substring(0, 10), deadLetter.rawText());
        assertTrue(deadLetter.rawTruncated());
    }

    @Test
    void passesValidEventsWithTheirSourceAndText() throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness = harness(EventValidator.DEFAULT_MAX_RAW_CHARS);

        harness.processElement(new StreamRecord<>(input(EventKind.PREDICTION, "ab.predictions", PREDICTION)));
        harness.processElement(new StreamRecord<>(input(EventKind.OUTCOME, "ab.outcomes", OUTCOME)));

        List<ValidEvent> out = harness.extractOutputValues();
        assertEquals(2, out.size());
        PredictionEvent prediction = out.get(0).prediction();
        OutcomeEvent outcome = out.get(1).outcome();
        assertAll(
                () -> assertEquals(ValidEvent.of(prediction, "ab.predictions", PREDICTION), out.get(0)),
                () -> assertEquals("p-1", prediction.eventId()),
                () -> assertEquals(1_717_200_000_000L, prediction.eventTime()),
                () -> assertEquals(ValidEvent.of(outcome, "ab.outcomes", OUTCOME), out.get(1)),
                () -> assertEquals(1.0, outcome.values().get("converted")),
                () -> assertTrue(SideOutputs.values(harness, DeadLetterOutput.TAG).isEmpty()),
                () -> assertEquals(2, metrics.count("records_in")),
                () -> assertEquals(0, metrics.count("dead_lettered")),
                () -> assertEquals(0, metrics.count("reason.UNKNOWN_VARIANT.dead_lettered")));
    }

    @Test
    void neverThrowsOnHostileInput() throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness = harness(EventValidator.DEFAULT_MAX_RAW_CHARS);
        List<String> hostile = new ArrayList<>(List.of("\u0000\u0001\uFFFF", "[".repeat(5_000), "\uD800",
                "{\"event_id\":\"" + "x".repeat(100_000) + "\"}", "{\"a\":1,\"a\":2}", "null", "1e999999"));

        for (String text : hostile) {
            harness.processElement(new StreamRecord<>(input(EventKind.PREDICTION, "fuzz", text)));
            harness.processElement(new StreamRecord<>(input(EventKind.OUTCOME, "fuzz", text)));
        }

        List<DeadLetter> deadLetters = SideOutputs.values(harness, DeadLetterOutput.TAG);
        assertEquals(2 * hostile.size(), deadLetters.size());
        assertTrue(deadLetters.stream().allMatch(d -> d.rawText().length() <= EventValidator.DEFAULT_MAX_RAW_CHARS));
        assertEquals(2 * hostile.size(), metrics.count("records_in"));
        assertEquals(2 * hostile.size(), metrics.count("dead_lettered"));
        assertEquals(2 * hostile.size(), reasonCountSum());
    }

    private JsonEventReader reader = new JsonEventReader(TestCatalog.CATALOG);

    /** The operator, with records read by a JSON source keeping {@code maxRawChars} of rejected records. */
    private OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> harness(int maxRawChars) throws Exception {
        reader = new JsonEventReader(TestCatalog.CATALOG, maxRawChars, true, MaxEventTimeSkew.byDefault());
        return Harnesses.parseAndValidate(new ParseAndValidate(CLOCK), metrics);
    }

    private InputRecord input(EventKind kind, String source, String text) {
        return reader.read(kind, source, text);
    }

    private long reasonCountSum() {
        long sum = 0;
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.LATE) {
                sum += metrics.count("reason." + reason.name() + ".dead_lettered");
            }
        }
        return sum;
    }
}
