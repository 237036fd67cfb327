package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.event.EventJson;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.validate.TestCatalog;
import io.abtest.jobs.analysis.validate.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Kafka record values the deserializer must turn into one record each, never an exception. */
class InputRecordDeserializerTest {

    private static final long NOW = TestEvents.T0 + 3_600_000;

    private final InputRecordDeserializer deserializer = new InputRecordDeserializer(EventKind.PREDICTION,
            TestCatalog.CATALOG, new MaxEventTimeSkew(60_000, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC)));

    InputRecordDeserializerTest() {
        deserializer.open(null);
    }

    @Test
    void bytesThatAreNotUtf8AreMalformedNotAcceptedWithAlteredIds() {
        byte[] json = prediction("unit-\u0001", TestEvents.T0).getBytes(StandardCharsets.UTF_8);
        byte[] invalid = replace(json, (byte) 1, new byte[] {(byte) 0xC3, (byte) 0x28});

        InputRecord record = deserialize(invalid);

        assertEquals(RejectReason.MALFORMED_JSON, record.rejection().reason());
        assertEquals(new String(invalid, StandardCharsets.UTF_8), record.rejection().rawText());
    }

    @Test
    void aReplacementCharacterSentAsValidUtf8IsText() {
        InputRecord record = deserialize(prediction("unit-\uFFFD", TestEvents.T0).getBytes(StandardCharsets.UTF_8));

        assertEquals("unit-\uFFFD", record.prediction().unitId());
    }

    @Test
    void aTombstoneIsMalformed() {
        InputRecord record = deserialize(null);

        assertEquals(RejectReason.MALFORMED_JSON, record.rejection().reason());
        assertEquals("", record.rejection().rawText());
    }

    @Test
    void anEventTimeBeyondTheSkewIsFutureAndHasNoTimestamp() {
        String json = prediction("unit-1", NOW + 60_001);

        InputRecord record = deserialize(json.getBytes(StandardCharsets.UTF_8));

        assertNull(record.prediction());
        assertEquals(RejectReason.FUTURE_EVENT_TIME, record.rejection().reason());
        assertEquals(json, record.rejection().rawText());
        assertEquals(Long.MIN_VALUE, record.eventTime());
        assertEquals(NOW + 60_000, deserialize(prediction("unit-1", NOW + 60_000).getBytes(StandardCharsets.UTF_8))
                .eventTime());
    }

    private InputRecord deserialize(byte[] value) {
        List<InputRecord> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>(TestEvents.PREDICTIONS, 0, 0L, null, value),
                new ListCollector<>(out));
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static String prediction(String unitId, long eventTime) {
        return EventJson.write(TestEvents.served("p-1", "r-1", eventTime)).replace("\"unit-r-1\"", "\"" + unitId + "\"");
    }

    private static byte[] replace(byte[] bytes, byte placeholder, byte[] with) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte b : bytes) {
            if (b == placeholder) {
                out.writeBytes(with);
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }
}
