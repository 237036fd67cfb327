package io.abtest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.alert.AlertOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The alerts the job wrote to {@code ab.alerts}, read back as an on-call tool would: key, labels, summary. */
final class DemoAlerts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoAlerts() {}

    /** @return "variant guardrail" of every alert read */
    static List<String> print(EmbeddedKafkaBroker broker, PrintStream out) {
        List<String> alerts = new ArrayList<>();
        for (ConsumerRecord<String, String> record : broker.records(AlertOptions.DEFAULT_TOPIC)) {
            JsonNode alert = read(record.value());
            JsonNode labels = alert.path("labels");
            out.printf("  alert on %s, key %s: %s, startsAt %s, endsAt %s%n    %s%n", AlertOptions.DEFAULT_TOPIC,
                    record.key(), labels, alert.path("startsAt").asText(), alert.path("endsAt").asText(),
                    alert.path("annotations").path("summary").asText());
            alerts.add(labels.path("variant").asText() + " " + labels.path("guardrail").asText());
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
