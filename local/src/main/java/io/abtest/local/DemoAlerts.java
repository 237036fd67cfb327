package io.abtest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.jobs.analysis.alert.AlertOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The alerts the job wrote to {@code ab.alerts}, read back as an on-call tool would (key, labels, summary): every
 * partition assigned, read from the beginning to the end offsets the job left (no consumer group to wait for).
 */
final class DemoAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private DemoAlerts() {}

    /** @return "variant guardrail" of every alert read */
    static List<String> print(String bootstrapServers, PrintStream out) {
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", bootstrapServers);
        consumer.put("key.deserializer", StringDeserializer.class.getName());
        consumer.put("value.deserializer", StringDeserializer.class.getName());
        List<String> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumer)) {
            List<TopicPartition> partitions = kafka.partitionsFor(AlertOptions.DEFAULT_TOPIC, TIMEOUT).stream()
                    .map(p -> new TopicPartition(AlertOptions.DEFAULT_TOPIC, p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = kafka.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline
                    && partitions.stream().anyMatch(p -> kafka.position(p, TIMEOUT) < end.get(p))) {
                for (ConsumerRecord<String, String> record : kafka.poll(POLL)) {
                    JsonNode alert = read(record.value());
                    JsonNode labels = alert.path("labels");
                    out.printf("  alert on %s, key %s: %s, startsAt %s, endsAt %s%n    %s%n", AlertOptions.DEFAULT_TOPIC,
                            record.key(), labels, alert.path("startsAt").asText(), alert.path("endsAt").asText(),
                            alert.path("annotations").path("summary").asText());
                    alerts.add(labels.path("variant").asText() + " " + labels.path("guardrail").asText());
                }
            }
        }
        return alerts;
    }

    private static JsonNode read(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not an alert: " + value, e);
        }
    }
}
