package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.abtest.jobs.analysis.alert.AlertOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class AnalysisJobAlertOptionsTest {

    private static AnalysisJobOptions streaming(String... alertArgs) {
        return AnalysisJobOptions.parse(Stream.concat(Stream.of("--experiments", "exp.yaml", "--output", "out",
                "--bootstrap-servers", "kafka-1:9092"), Stream.of(alertArgs)).toArray(String[]::new));
    }

    @Test
    void aStreamingRunWritesAlertsToAbAlertsOnItsBrokersAndPostsNowhereByDefault() {
        AlertOptions alerts = streaming().alerts();

        assertEquals("kafka-1:9092", alerts.bootstrapServers());
        assertEquals("ab.alerts", alerts.topic());
        assertEquals(List.of(), alerts.alertmanagers());
        assertEquals(Duration.ofMinutes(1), alerts.resendInterval());
        assertEquals("http://localhost:8081/#/job/running", alerts.generatorUrl().pattern());
    }

    @Test
    void readsEveryAlertOption() {
        AlertOptions alerts = streaming("--alerts-topic", "team.alerts", "--alertmanager-url",
                "http://am-0:9093, http://am-1:9093/alertmanager/", "--alert-resend-interval", "30s",
                "--alert-generator-url", "https://flink.example.com/#/job/running?e={experiment_id}").alerts();

        assertEquals("team.alerts", alerts.topic());
        assertEquals(List.of(URI.create("http://am-0:9093"), URI.create("http://am-1:9093/alertmanager/")),
                alerts.alertmanagers());
        assertEquals(Duration.ofSeconds(30), alerts.resendInterval());
        assertEquals("https://flink.example.com/#/job/running?e={experiment_id}", alerts.generatorUrl().pattern());
    }

    @Test
    void aBatchRerunGetsNoAlertSinks() {
        AnalysisJobOptions batch = AnalysisJobOptions.parse("--experiments", "exp.yaml", "--output", "out", "--mode",
                "batch", "--predictions", "p", "--outcomes", "o", "--alertmanager-url", "http://am:9093");

        assertNull(batch.alerts().bootstrapServers());
        assertEquals(List.of(), batch.alerts().alertmanagers());
    }

    @Test
    void namesEveryBadAlertOption() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> streaming(
                "--alerts-topic", "ab alerts", "--alertmanager-url", "http://am:9093,,am-1:9093",
                "--alert-resend-interval", "500ms", "--alert-generator-url", "http://flink/{job_id}"));

        assertEquals(String.join("\n",
                "--alerts-topic: must be a Kafka topic name (letters, digits, '.', '_', '-'; at most 249), got ab alerts",
                "--alertmanager-url: must be http:// or https:// URLs without query or fragment, separated by commas, "
                        + "got ''",
                "--alertmanager-url: must be http:// or https:// URLs without query or fragment, separated by commas, "
                        + "got 'am-1:9093'",
                "--alert-resend-interval: must be a duration of at least 1s such as 30s, 1m, 5m, got 500ms",
                "--alert-generator-url: unknown placeholder {job_id} (known: {experiment_id}, {variant}, {guardrail}, "
                        + "{incident_id}) in http://flink/{job_id}"), error.getMessage());
    }
}
