package io.abtest.jobs.analysis.validate;

import static io.abtest.jobs.analysis.validate.TestEvents.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateByEventIdTest {

    private final MetricCapture metrics = new MetricCapture();

    @Test
    void passesTheFirstEventOfAnIdAndDropsLaterCopies() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, ValidEvent> harness =
                Harnesses.deduplicate(new DeduplicateByEventId(TestCatalog.CATALOG), metrics);
        ValidEvent first = TestEvents.valid(TestEvents.served("p-1", "r-1", T0));
        ValidEvent retry = TestEvents.valid(TestEvents.served("p-1", "r-1", T0 + 5));
        ValidEvent other = TestEvents.valid(TestEvents.outcome("o-1", "r-1", T0 + 10, null));

        for (ValidEvent event : List.of(first, retry, other, first, retry)) {
            harness.processElement(new StreamRecord<>(event, event.eventTime()));
        }

        assertEquals(List.of(first, other), harness.extractOutputValues());
        assertEquals(3, metrics.count("duplicates"));
        assertEquals(2, metrics.count("records_used"));
        assertEquals(2, harness.numKeyedStateEntries());
    }

    @Test
    void forgetsAnIdOnceItsTimeToLiveHasPassed() throws Exception {
        Duration ttl = Duration.ofHours(48);
        KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, ValidEvent> harness =
                Harnesses.deduplicate(new DeduplicateByEventId(TestCatalog.CATALOG, ttl), metrics);
        ValidEvent event = TestEvents.valid(TestEvents.served("p-1", "r-1", T0));

        harness.setStateTtlProcessingTime(0);
        harness.processElement(new StreamRecord<>(event, T0));
        harness.setStateTtlProcessingTime(ttl.toMillis() - 1);
        harness.processElement(new StreamRecord<>(event, T0));
        harness.setStateTtlProcessingTime(ttl.toMillis());
        harness.processElement(new StreamRecord<>(event, T0));

        assertEquals(List.of(event, event), harness.extractOutputValues());
        assertEquals(1, metrics.count("duplicates"));
        assertEquals(2, metrics.count("records_used"));
    }

    @Test
    void forgetsAnIdOnceTheWatermarkPassesItsEventTimePlusTheAllowedLateness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, ValidEvent> harness =
                Harnesses.deduplicate(new DeduplicateByEventId(TestCatalog.CATALOG), metrics);
        ValidEvent event = TestEvents.valid(TestEvents.served("p-1", "r-1", T0));
        long lateness = AllowedLateness.of(TestCatalog.CATALOG).millisFor(event);

        harness.processElement(new StreamRecord<>(event, T0));
        harness.processWatermark(T0 + lateness);
        harness.processElement(new StreamRecord<>(event, T0));
        assertEquals(1, metrics.count("duplicates"), "a copy DropLate still lets through is a duplicate");
        assertEquals(1, harness.numKeyedStateEntries());

        harness.processWatermark(T0 + lateness + 1);
        assertEquals(0, harness.numKeyedStateEntries(), "forgotten once DropLate dead-letters every copy as LATE");
        assertEquals(0, harness.numEventTimeTimers());
        assertEquals(List.of(event), harness.extractOutputValues());
    }

    @Test
    void defaultsToFortyEightHoursAndRejectsNonPositiveTtl() {
        assertEquals(Duration.ofHours(48), new DeduplicateByEventId(TestCatalog.CATALOG).ttl());
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateByEventId(TestCatalog.CATALOG, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateByEventId(TestCatalog.CATALOG, Duration.ofSeconds(-1)));
    }
}
