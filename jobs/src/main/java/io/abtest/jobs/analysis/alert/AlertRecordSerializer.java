package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One {@code ab.alerts} record per incident change: key {@link AlertKeys#dedupKey} (UTF-8), value the alert as one
 * JSON object ({@link AlertJson#object}), partitioned by Kafka's default partitioner on the key, so every change of an
 * incident lands in one partition in order. The record's timestamp is left to the producer (the time it is written),
 * not the incident's event time: a topic's retention deletes records by timestamp, and an incident of a replayed or
 * late stream has an event time older than the retention, so its alert would be deleted at the next retention check
 * (the event times are in the value: {@code startsAt}, {@code endsAt}).
 */
public final class AlertRecordSerializer implements KafkaRecordSerializationSchema<GuardrailIncident> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final AlertTemplate template;

    public AlertRecordSerializer(String topic, AlertTemplate template) {
        this.topic = topic;
        this.template = template;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(GuardrailIncident incident, KafkaSinkContext context,
            Long timestamp) {
        return new ProducerRecord<>(topic, null, null,
                AlertKeys.dedupKey(incident).getBytes(StandardCharsets.UTF_8),
                AlertJson.object(template.alert(incident)));
    }
}
