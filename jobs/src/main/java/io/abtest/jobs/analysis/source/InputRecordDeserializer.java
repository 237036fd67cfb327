package io.abtest.jobs.analysis.source;

import io.abtest.event.EventValidator;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every Kafka record becomes an {@link InputRecord}, parsed and validated here ({@link JsonEventReader}), whatever
 * its value, so no record can fail the source: a null value (a tombstone) becomes null text, rejected as
 * {@code MALFORMED_JSON}; bytes that are not UTF-8 are rejected as {@code MALFORMED_JSON} too (JSON text is UTF-8,
 * RFC 8259 section 8.1), with their text decoded with replacement characters for the dead-letter row, rather than
 * accepted with ids silently altered. The key is never read (a null key is fine).
 */
final class InputRecordDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {

    private static final long serialVersionUID = 1L;

    private static final char REPLACEMENT = '\uFFFD';

    private final EventKind kind;
    private final ExperimentCatalog catalog;
    private final MaxEventTimeSkew skew;
    private transient JsonEventReader reader;

    InputRecordDeserializer(EventKind kind, ExperimentCatalog catalog, MaxEventTimeSkew skew) {
        this.kind = kind;
        this.catalog = catalog;
        this.skew = skew;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        reader = new JsonEventReader(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, true, skew);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
        byte[] value = record.value();
        String text = value == null ? null : new String(value, StandardCharsets.UTF_8);
        if (text != null && text.indexOf(REPLACEMENT) >= 0 && !isUtf8(value)) {
            out.collect(InputRecord.rejected(kind, record.topic(), Rejection.of(RejectReason.MALFORMED_JSON, null,
                    "not valid UTF-8 (JSON text is UTF-8); shown with U+FFFD for the invalid bytes", text,
                    EventValidator.DEFAULT_MAX_RAW_CHARS)));
            return;
        }
        out.collect(reader.read(kind, record.topic(), text));
    }

    /** Checked only for text holding U+FFFD, which valid UTF-8 may also encode. */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
