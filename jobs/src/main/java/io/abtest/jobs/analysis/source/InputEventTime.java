package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.InputRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time of an input record, as its source parsed it, so the sources can generate watermarks per Kafka partition
 * (per split) before records from partitions read at different speeds are mixed. A rejected record gets
 * {@link Long#MIN_VALUE}: it never advances the watermark. That includes a record whose time is too far ahead of the
 * wall clock, which its source rejects ({@link MaxEventTimeSkew}) so that it cannot drag its split's watermark ahead.
 */
public final class InputEventTime implements SerializableTimestampAssigner<InputRecord> {

    private static final long serialVersionUID = 1L;

    /** Bounded out-of-orderness per split, with idleness so a silent partition does not hold event time back. */
    public static WatermarkStrategy<InputRecord> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<InputRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new InputEventTime())
                .withIdleness(idleness);
    }

    @Override
    public long extractTimestamp(InputRecord record, long previous) {
        return record.eventTime();
    }
}
