package io.abtest.jobs.analysis.validate;

import static io.abtest.jobs.analysis.validate.TestEvents.T0;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The three input operators chained as the job chains them (parse and validate, watermarks, drop late, deduplicate)
 * over a mixed input whose fate is known record by record, checking every counter and the identity
 * {@code records_in = records_used + dead_lettered + duplicates}.
 */
class InputStageCountsTest {

    private static final long WATERMARK = T0 + 3_600_000;

    private final MetricCapture parseMetrics = new MetricCapture();
    private final MetricCapture lateMetrics = new MetricCapture();
    private final MetricCapture dedupMetrics = new MetricCapture();

    private OneInputStreamOperatorTestHarness<InputRecord, ValidEvent> parse;
    private OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> dropLate;
    private KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, ValidEvent> dedup;
    private int parsedForwarded;
    private int onTimeForwarded;

    @Test
    void countsBalanceOverAMixedInput() throws Exception {
        parse = Harnesses.parseAndValidate(new ParseAndValidate(), parseMetrics);
        dropLate = Harnesses.dropLate(new DropLate(TestCatalog.CATALOG, 4096, Clock.systemUTC()), lateMetrics);
        dedup = Harnesses.deduplicate(new DeduplicateByEventId(TestCatalog.CATALOG), dedupMetrics);
        List<PredictionEvent> predictions = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            predictions.add(TestEvents.served("p-" + i, "r-" + i, T0 + i * 1_000L));
        }
        List<OutcomeEvent> outcomes = List.of(
                TestEvents.outcome("o-1", "r-1", T0 + 60_000, TestCatalog.RANKER),
                TestEvents.outcome("o-2", "r-2", T0 + 60_000, null),
                TestEvents.outcome("o-3", "r-3", T0 + 60_000, TestCatalog.RANKER));

        predictions.forEach(p -> feed(TestEvents.raw(p)));                                   // 6 used
        outcomes.forEach(o -> feed(TestEvents.raw(o)));                                      // 3 used
        feed(TestEvents.input(EventKind.PREDICTION, "ab.predictions", "{not json"));            // 4 invalid
        feed(TestEvents.input(EventKind.OUTCOME, "ab.outcomes", "{\"event_id\":\"o-9\"}"));
        feed(TestEvents.raw(TestEvents.prediction("p-9", "nope", "v", "r-9", T0, null, null, true)));
        feed(TestEvents.input(EventKind.PREDICTION, "ab.predictions",
                TestEvents.raw(predictions.get(0)).text().replace("12.5", "-3")));
        feed(TestEvents.raw(predictions.get(0)));                                            // 3 duplicates
        feed(TestEvents.raw(predictions.get(1)));
        feed(TestEvents.raw(outcomes.get(0)));
        watermark(WATERMARK);
        feed(TestEvents.raw(TestEvents.served("p-7", "r-7", T0)));                           // 3 late
        feed(TestEvents.raw(TestEvents.outcome("o-4", "r-4", T0, null)));
        feed(TestEvents.raw(predictions.get(2)));
        feed(TestEvents.raw(TestEvents.served("p-8", "r-8", WATERMARK)));                    // 1 used

        long in = parseMetrics.count("records_in");
        long used = dedupMetrics.count("records_used");
        long deadLettered = parseMetrics.count("dead_lettered") + lateMetrics.count("dead_lettered");
        long duplicates = dedupMetrics.count("duplicates");
        assertAll(
                () -> assertEquals(20, in),
                () -> assertEquals(10, used),
                () -> assertEquals(7, deadLettered),
                () -> assertEquals(3, duplicates),
                () -> assertEquals(in, used + deadLettered + duplicates),
                () -> assertEquals(3, lateMetrics.count("late")),
                () -> assertEquals(3, lateMetrics.count("reason.LATE.dead_lettered")),
                () -> assertEquals(10, dedup.extractOutputValues().size()),
                () -> assertEquals(Map.of("LATE", 3L, "MALFORMED_JSON", 1L, "MISSING_FIELD", 1L,
                        "NEGATIVE_LATENCY", 1L, "UNKNOWN_EXPERIMENT", 1L), deadLetterReasons()),
                () -> assertEquals(1, parseMetrics.count("reason.MALFORMED_JSON.dead_lettered")),
                () -> assertEquals(1, parseMetrics.count("reason.MISSING_FIELD.dead_lettered")),
                () -> assertEquals(1, parseMetrics.count("reason.UNKNOWN_EXPERIMENT.dead_lettered")),
                () -> assertEquals(1, parseMetrics.count("reason.NEGATIVE_LATENCY.dead_lettered")));
    }

    /** One record through the chain; the timestamp assigner sets each valid event's timestamp to its event time. */
    private void feed(InputRecord record) {
        try {
            parse.processElement(new StreamRecord<>(record));
            List<ValidEvent> parsed = parse.extractOutputValues();
            for (ValidEvent event : parsed.subList(parsedForwarded, parsed.size())) {
                dropLate.processElement(new StreamRecord<>(event, event.eventTime()));
            }
            parsedForwarded = parsed.size();
            List<ValidEvent> onTime = dropLate.extractOutputValues();
            for (ValidEvent event : onTime.subList(onTimeForwarded, onTime.size())) {
                dedup.processElement(new StreamRecord<>(event, event.eventTime()));
            }
            onTimeForwarded = onTime.size();
        } catch (Exception e) {
            throw new AssertionError("the input stage threw on " + record, e);
        }
    }

    private void watermark(long timestamp) throws Exception {
        dropLate.processWatermark(timestamp);
        dedup.processWatermark(timestamp);
    }

    private Map<String, Long> deadLetterReasons() {
        Map<String, Long> counts = new TreeMap<>();
        List<DeadLetter> all = new ArrayList<>(SideOutputs.values(parse, DeadLetterOutput.TAG));
        all.addAll(SideOutputs.values(dropLate, DeadLetterOutput.TAG));
        all.forEach(d -> counts.merge(d.reason(), 1L, Long::sum));
        return counts;
    }
}
