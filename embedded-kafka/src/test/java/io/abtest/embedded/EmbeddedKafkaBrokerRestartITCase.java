package io.abtest.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A broker restarted on its ports and log directory keeps its records and group offsets, and clients reconnect. */
@Timeout(120)
class EmbeddedKafkaBrokerRestartITCase {

    @Test
    void recordsAndCommittedOffsetsSurviveARestartAndAProducerOfTheOldServerKeepsWriting() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                KafkaProducer<String, String> producer = producer(broker.bootstrapServers());
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopic("t", 2, Map.of());
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>("t", "k" + i, "before-" + i)).get();
            }
            TopicPartition partition = new TopicPartition("t", 0);
            admin.alterConsumerGroupOffsets("g", Map.of(partition, new OffsetAndMetadata(2))).all().get();

            broker.restart(Duration.ofSeconds(1));

            for (int i = 0; i < 2; i++) {
                producer.send(new ProducerRecord<>("t", "k" + i, "after-" + i)).get();
            }
            List<String> values = broker.records("t").stream().map(ConsumerRecord::value).sorted().toList();
            assertEquals(List.of("after-0", "after-1", "before-0", "before-1", "before-2"), values);
            assertEquals(2, admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get()
                    .get(partition).offset());
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", StringSerializer.class.getName());
        properties.put("delivery.timeout.ms", "60000");
        return new KafkaProducer<>(properties);
    }
}
