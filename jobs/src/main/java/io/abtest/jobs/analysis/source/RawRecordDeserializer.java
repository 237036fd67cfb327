package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Every Kafka record becomes a {@link RawRecord}, whatever its value: bytes that are not UTF-8 are decoded with
 * replacement characters and a null value (a tombstone) becomes null text, so the validator dead-letters them
 * instead of the source failing the job.
 */
final class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final EventKind kind;

    RawRecordDeserializer(EventKind kind) {
        this.kind = kind;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        String text = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
        out.collect(new RawRecord(kind, record.topic(), text));
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
