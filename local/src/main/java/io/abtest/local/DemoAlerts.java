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
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The alerts the job wrote to {@code ab.alerts}, read back as an on-call tool would: key, labels, summary. */
final class DemoAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    private DemoAlerts() {}

    /** @return "variant guardrail" of every alert read */
    static List<String> print(String bootstrapServers, PrintStream out) {
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", bootstrapServers);
        consumer.put("group.id", "abtest-demo-alerts");
        consumer.put("auto.offset.reset", "earliest");
        consumer.put("key.deserializer", StringDeserializer.class.getName());
        consumer.put("value.deserializer", StringDeserializer.class.getName());
        List<String> alerts = new ArrayList<>();
        try (KafkaConsumer<String, String> kafka = new KafkaConsumer<>(consumer)) {
            kafka.subscribe(List.of(AlertOptions.DEFAULT_TOPIC));
            int emptyPolls = 0;
            while (emptyPolls < 4) {
                var records = kafka.poll(POLL);
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, String> record : records) {
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
