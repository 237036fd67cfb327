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
                Harnesses.deduplicate(new DeduplicateByEventId(), metrics);
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
                Harnesses.deduplicate(new DeduplicateByEventId(ttl), metrics);
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
    void defaultsToFortyEightHoursAndRejectsNonPositiveTtl() {
        assertEquals(Duration.ofHours(48), new DeduplicateByEventId().ttl());
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateByEventId(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DeduplicateByEventId(Duration.ofSeconds(-1)));
    }
}
