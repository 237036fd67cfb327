package io.abtest.jobs.analysis.validate;

import static io.abtest.jobs.analysis.validate.TestEvents.T0;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DropLateTest {

    private static final Instant SEEN = Instant.parse("2024-06-01T12:00:00Z");
    private static final long WATERMARK = T0 + 3_600_000;
    private static final long RANKER_LATENESS = TestCatalog.RANKER_LATENESS.toMillis();
    private static final long LARGEST_LATENESS = TestCatalog.SEARCH_LATENESS.toMillis();

    private final MetricCapture metrics = new MetricCapture();

    @Test
    void passesAnEventExactlyAtTheLatenessBoundaryAndDeadLettersOneMillisecondOlder() throws Exception {
        OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness = harness(4096);
        harness.processWatermark(WATERMARK);
        ValidEvent onTime = TestEvents.valid(TestEvents.served("p-1", "r-1", WATERMARK - RANKER_LATENESS));
        ValidEvent late = TestEvents.valid(TestEvents.served("p-2", "r-2", WATERMARK - RANKER_LATENESS - 1));

        process(harness, onTime);
        process(harness, late);

        assertEquals(List.of(onTime.withoutInput()), harness.extractOutputValues());
        List<DeadLetter> deadLetters = SideOutputs.values(harness, DeadLetterOutput.TAG);
        assertEquals(1, deadLetters.size());
        DeadLetter deadLetter = deadLetters.get(0);
        assertAll(
                () -> assertEquals("ab.predictions", deadLetter.source()),
                () -> assertEquals("LATE", deadLetter.reason()),
                () -> assertEquals(null, deadLetter.field()),
                () -> assertEquals(late.raw(), deadLetter.rawText()),
                () -> assertFalse(deadLetter.rawTruncated()),
                () -> assertEquals(SEEN.toEpochMilli(), deadLetter.seenAtMillis()),
                () -> assertTrue(deadLetter.detail().contains(Long.toString(WATERMARK)), deadLetter.detail()),
                () -> assertEquals(1, metrics.count("late")),
                () -> assertEquals(1, metrics.count("dead_lettered")),
                () -> assertEquals(1, metrics.count("reason.LATE.dead_lettered")));
    }

    @Test
    void appliesEachExperimentsOwnLateness() throws Exception {
        OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness = harness(4096);
        harness.processWatermark(WATERMARK);
        long twentyMinutesBehind = WATERMARK - 20 * 60_000;
        ValidEvent ranker = TestEvents.valid(TestEvents.outcome("o-1", "r-1", twentyMinutesBehind, TestCatalog.RANKER));
        ValidEvent search = TestEvents.valid(TestEvents.outcome("o-2", "r-2", twentyMinutesBehind, TestCatalog.SEARCH));

        process(harness, ranker);
        process(harness, search);

        assertEquals(List.of(search.withoutInput()), harness.extractOutputValues());
        assertEquals(1, metrics.count("late"));
    }

    @Test
    void givesOutcomesWithoutAnExperimentTheCatalogsLargestLateness() throws Exception {
        OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness = harness(4096);
        harness.processWatermark(WATERMARK);
        ValidEvent atBoundary = TestEvents.valid(TestEvents.outcome("o-1", "r-1", WATERMARK - LARGEST_LATENESS, null));
        ValidEvent beyond = TestEvents.valid(TestEvents.outcome("o-2", "r-2", WATERMARK - LARGEST_LATENESS - 1, null));

        process(harness, atBoundary);
        process(harness, beyond);

        assertEquals(List.of(atBoundary.withoutInput()), harness.extractOutputValues());
        assertEquals("ab.outcomes", SideOutputs.values(harness, DeadLetterOutput.TAG).get(0).source());
        assertEquals(1, metrics.count("reason.LATE.dead_lettered"));
    }

    @Test
    void dropsNothingBeforeTheFirstWatermark() throws Exception {
        OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness = harness(4096);
        ValidEvent ancient = TestEvents.valid(TestEvents.served("p-1", "r-1", Long.MIN_VALUE + 1));

        process(harness, ancient);

        assertEquals(List.of(ancient.withoutInput()), harness.extractOutputValues());
        assertEquals(0, metrics.count("late"));
        assertEquals(0, metrics.count("dead_lettered"));
    }

    @Test
    void truncatesTheRawTextOfLateEvents() throws Exception {
        OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness = harness(16);
        harness.processWatermark(WATERMARK);
        ValidEvent late = TestEvents.valid(TestEvents.served("p-1", "r-1", T0));

        process(harness, late);

        DeadLetter deadLetter = SideOutputs.values(harness, DeadLetterOutput.TAG).get(0);
        assertEquals(late.raw().substring(0, 16), deadLetter.rawText());
        assertTrue(deadLetter.rawTruncated());
    }

    @Test
    void comparesWithoutOverflowAtTheEdgesOfTime() {
        assertAll(
                () -> assertFalse(DropLate.isLate(Long.MIN_VALUE, Long.MIN_VALUE, 0)),
                () -> assertFalse(DropLate.isLate(Long.MIN_VALUE, Long.MIN_VALUE + 5, 10)),
                () -> assertTrue(DropLate.isLate(Long.MIN_VALUE, Long.MIN_VALUE + 11, 10)),
                () -> assertFalse(DropLate.isLate(Long.MIN_VALUE + 1, Long.MIN_VALUE + 11, 10)),
                () -> assertTrue(DropLate.isLate(0, Long.MAX_VALUE, 10)),
                () -> assertFalse(DropLate.isLate(Long.MAX_VALUE - 10, Long.MAX_VALUE, 10)));
    }

    private OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness(int maxRawChars) throws Exception {
        return Harnesses.dropLate(
                new DropLate(TestCatalog.CATALOG, maxRawChars, Clock.fixed(SEEN, ZoneOffset.UTC)), metrics);
    }

    private static void process(OneInputStreamOperatorTestHarness<ValidEvent, ValidEvent> harness, ValidEvent event)
            throws Exception {
        harness.processElement(new StreamRecord<>(event, event.eventTime()));
    }
}
