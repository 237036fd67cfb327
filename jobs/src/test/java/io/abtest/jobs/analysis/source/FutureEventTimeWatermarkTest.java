package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.event.EventJson;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.InputRecordSerializer;
import io.abtest.jobs.analysis.validate.TestCatalog;
import io.abtest.jobs.analysis.validate.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.operators.TimestampsAndWatermarksOperatorFactory;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The job's watermark strategy ({@link InputEventTime}) in Flink's timestamp and watermark operator, fed records as a
 * JSON source reads them ({@link JsonEventReader}) at a fixed wall clock: a record a day ahead is rejected there, gets
 * no timestamp of its own and leaves the watermark where the on-time records put it; the same record read without
 * the bound moves the watermark a day ahead, which is what made every later record late.
 */
class FutureEventTimeWatermarkTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final long OUT_OF_ORDERNESS = Duration.ofMinutes(1).toMillis();
    private static final long BEFORE = NOW.toEpochMilli() - Duration.ofMinutes(10).toMillis();
    private static final long DAY_AHEAD = NOW.toEpochMilli() + Duration.ofDays(1).toMillis();

    @Test
    void aRecordBeyondTheSkewNeitherGetsItsTimeNorMovesTheWatermark() throws Exception {
        JsonEventReader reader = reader(Duration.ofHours(1).toMillis());
        try (OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness = harness()) {
            harness.processElement(new StreamRecord<>(read(reader, "p-1", BEFORE)));
            harness.processElement(new StreamRecord<>(read(reader, "p-2", DAY_AHEAD)));
            harness.processElement(new StreamRecord<>(read(reader, "p-3", BEFORE + 1_000)));
            emitWatermark(harness);

            List<StreamRecord<InputRecord>> records = records(harness);
            assertEquals(3, records.size());
            StreamRecord<InputRecord> future = records.get(1);
            assertNull(future.getValue().prediction());
            assertEquals(RejectReason.FUTURE_EVENT_TIME, future.getValue().rejection().reason());
            assertEquals("event_time", future.getValue().rejection().field());
            assertEquals(Long.MIN_VALUE, future.getTimestamp());
            assertEquals(BEFORE + 1_000, records.get(2).getTimestamp());
            assertEquals(BEFORE + 1_000 - OUT_OF_ORDERNESS - 1, lastWatermark(harness));
        }
    }

    @Test
    void withoutTheBoundTheSameRecordMovesTheWatermarkADayAhead() throws Exception {
        JsonEventReader reader = reader(Long.MAX_VALUE);
        try (OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness = harness()) {
            harness.processElement(new StreamRecord<>(read(reader, "p-1", BEFORE)));
            harness.processElement(new StreamRecord<>(read(reader, "p-2", DAY_AHEAD)));
            harness.processElement(new StreamRecord<>(read(reader, "p-3", BEFORE + 1_000)));
            emitWatermark(harness);

            assertEquals(DAY_AHEAD - OUT_OF_ORDERNESS - 1, lastWatermark(harness));
        }
    }

    @Test
    void aRecordExactlyAtTheSkewCounts() throws Exception {
        long skew = Duration.ofHours(1).toMillis();
        JsonEventReader reader = reader(skew);
        try (OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness = harness()) {
            harness.processElement(new StreamRecord<>(read(reader, "p-1", NOW.toEpochMilli() + skew)));
            harness.processElement(new StreamRecord<>(read(reader, "p-2", NOW.toEpochMilli() + skew + 1)));
            emitWatermark(harness);

            List<StreamRecord<InputRecord>> records = records(harness);
            assertEquals(NOW.toEpochMilli() + skew, records.get(0).getTimestamp());
            assertEquals(RejectReason.FUTURE_EVENT_TIME, records.get(1).getValue().rejection().reason());
            assertEquals(NOW.toEpochMilli() + skew - OUT_OF_ORDERNESS - 1, lastWatermark(harness));
        }
    }

    private static JsonEventReader reader(long skewMillis) {
        return new JsonEventReader(TestCatalog.CATALOG, 4096, true,
                new MaxEventTimeSkew(skewMillis, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    private static InputRecord read(JsonEventReader reader, String eventId, long eventTime) {
        return reader.read(EventKind.PREDICTION, TestEvents.PREDICTIONS,
                EventJson.write(TestEvents.served(eventId, "r-" + eventId, eventTime)));
    }

    private static OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness() throws Exception {
        OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness = new OneInputStreamOperatorTestHarness<>(
                new TimestampsAndWatermarksOperatorFactory<>(
                        InputEventTime.watermarks(Duration.ofMillis(OUT_OF_ORDERNESS), Duration.ofMinutes(1)), true),
                InputRecordSerializer.INSTANCE);
        harness.getExecutionConfig().setAutoWatermarkInterval(100);
        harness.open();
        return harness;
    }

    /** The periodic watermark is emitted on the auto-watermark interval of processing time. */
    private static void emitWatermark(OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness)
            throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + 100);
    }

    @SuppressWarnings("unchecked")
    private static List<StreamRecord<InputRecord>> records(
            OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness) {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(o -> (StreamRecord<InputRecord>) o).toList();
    }

    private static long lastWatermark(OneInputStreamOperatorTestHarness<InputRecord, InputRecord> harness) {
        return harness.getOutput().stream().filter(Watermark.class::isInstance).map(o -> ((Watermark) o).getTimestamp())
                .reduce((a, b) -> b).orElseThrow();
    }
}
