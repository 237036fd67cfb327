package io.abtest.jobs.analysis;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every record of a topic, key and value as text, in offset order per partition, read from the beginning. */
final class TopicRecords {

    private TopicRecords() {}

    static List<Map.Entry<String, String>> read(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("group.id", "it-read-" + UUID.randomUUID());
        properties.put("auto.offset.reset", "earliest");
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        List<Map.Entry<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 4) {
                var polled = consumer.poll(Duration.ofMillis(500));
                empty = polled.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, String> record : polled) {
                    records.add(new AbstractMap.SimpleEntry<>(record.key(), record.value()));
                }
            }
        }
        return records;
    }
}
