package io.abtest.jobs.analysis.source;

import io.abtest.event.EventValidator;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every Kafka record becomes an {@link InputRecord}, parsed and validated here ({@link JsonEventReader}), whatever
 * its value: bytes that are not UTF-8 are decoded with replacement characters and a null value (a tombstone) becomes
 * null text, so they are rejected instead of the source failing the job. The key is never read (a null key is
 * fine).
 */
final class InputRecordDeserializer implements KafkaRecordDeserializationSchema<InputRecord> {

    private static final long serialVersionUID = 1L;

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
        String text = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(reader.read(kind, record.topic(), text));
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
