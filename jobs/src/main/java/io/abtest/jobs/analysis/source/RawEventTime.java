package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.abtest.jobs.analysis.records.RawRecord;
import java.io.IOException;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time read straight from a raw record's JSON ({@code event_time}, top level), so the sources can generate
 * watermarks per Kafka partition (per split) before records from partitions read at different speeds are mixed. A
 * record without a readable event time gets {@link Long#MIN_VALUE}: it never advances the watermark, and the
 * validator dead-letters it.
 */
public final class RawEventTime implements SerializableTimestampAssigner<RawRecord> {

    private static final long serialVersionUID = 1L;
    private static final JsonFactory JSON = new JsonFactory();

    /** Bounded out-of-orderness per split, with idleness so a silent partition does not hold event time back. */
    public static WatermarkStrategy<RawRecord> watermarks(Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(new RawEventTime())
                .withIdleness(idleness);
    }

    @Override
    public long extractTimestamp(RawRecord record, long previous) {
        return of(record.text());
    }

    static long of(String json) {
        if (json == null) {
            return Long.MIN_VALUE;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Long.MIN_VALUE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("event_time".equals(field)) {
                    return value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : Long.MIN_VALUE;
                }
                parser.skipChildren();
            }
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
        return Long.MIN_VALUE;
    }
}
