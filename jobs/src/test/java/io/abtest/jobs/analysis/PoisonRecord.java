package io.abtest.jobs.analysis;

import io.abtest.event.EventValidator;
import io.abtest.event.RawText;
import io.abtest.event.RejectReason;
import java.nio.charset.StandardCharsets;

/**
 * One Kafka record of {@link PoisonRecords}: its value as bytes (null for a tombstone), the partition it is sent to
 * (with a null key), and the verdict expected of the job.
 *
 * @param name what it tries, for assertion messages
 * @param expected its dead-letter reason; null for a record that is valid, however absurd, and changes no result
 */
record PoisonRecord(String name, String topic, int partition, byte[] value, RejectReason expected) {

    static PoisonRecord of(String name, String topic, int partition, String json, RejectReason expected) {
        return new PoisonRecord(name, topic, partition, json.getBytes(StandardCharsets.UTF_8), expected);
    }

    /** The {@code raw_text} its dead-letter row holds: the value as UTF-8 (U+FFFD for invalid bytes), truncated. */
    String expectedRawText() {
        String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
        return RawText.of(text, EventValidator.DEFAULT_MAX_RAW_CHARS).text();
    }
}
