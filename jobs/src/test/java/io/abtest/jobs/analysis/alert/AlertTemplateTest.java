package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTemplateTest {

    private final AlertTemplate template = new AlertTemplate(GeneratorUrl.of(GeneratorUrl.DEFAULT));

    @Test
    void anOpenIncidentIsAFiringAlertWithTheContractLabelsAndNoEnd() {
        String json = new String(AlertJson.object(template.alert(Incidents.latencyOpen())), StandardCharsets.UTF_8);

        assertEquals("""
                {"labels":{"alertname":"AbTestGuardrailBreached","experiment_id":"ranker-v2",\
                "guardrail":"latency-p99","severity":"critical","variant":"challenger"},\
                "annotations":{"description":"Variant challenger of experiment ranker-v2 breached guardrail \
                latency-p99 (critical): latency_p99 was 312.5 against a threshold of 250 (62.5, 25% above it), \
                over 1,234 events, in 3 consecutive windows of 5m. The incident opened at 2026-11-27T10:15:00Z, \
                the end of the last of those windows. The job wrote STOPPED to ab.control: every unit now gets the \
                control variant.",\
                "incident_id":"ranker-v2/challenger/latency-p99/2026-11-27T10:15:00Z",\
                "summary":"ranker-v2/challenger breached guardrail latency-p99: latency_p99 312.5, threshold 250"},\
                "startsAt":"2026-11-27T10:15:00Z","endsAt":null,"generatorURL":"http://localhost:8081/#/job/running"}\
                """, json);
    }

    @Test
    void aResolvedIncidentEndsAtItsResolutionTime() {
        String json = new String(AlertJson.object(template.alert(Incidents.latencyResolved())),
                StandardCharsets.UTF_8);

        assertEquals("""
                {"labels":{"alertname":"AbTestGuardrailBreached","experiment_id":"ranker-v2",\
                "guardrail":"latency-p99","severity":"critical","variant":"challenger"},\
                "annotations":{"description":"Variant challenger of experiment ranker-v2 recovered on guardrail \
                latency-p99 (critical): latency_p99 was 180 against a threshold of 250 (70, 28% below it), \
                over 1,100 events, in the window ending 2026-11-27T11:00:00Z. The incident was open from \
                2026-11-27T10:15:00Z to 2026-11-27T11:00:00Z (45m). When it opened, the job wrote STOPPED to \
                ab.control.",\
                "incident_id":"ranker-v2/challenger/latency-p99/2026-11-27T10:15:00Z",\
                "summary":"ranker-v2/challenger recovered on guardrail latency-p99: latency_p99 180, threshold 250"},\
                "startsAt":"2026-11-27T10:15:00Z","endsAt":"2026-11-27T11:00:00Z",\
                "generatorURL":"http://localhost:8081/#/job/running"}\
                """, json);
    }

    @Test
    void anAlertOnlyGuardrailSaysRoutingWasNotChanged() {
        Alert alert = template.alert(Incidents.errorRateOpen());

        assertEquals("Variant challenger of experiment ranker-v2 breached guardrail error-rate (warning): error_rate "
                + "was 0.0312 against a threshold of 0.02 (0.0112, 56% above it), over 5,120 events, in a window of "
                + "10m. The incident opened at 2026-11-27T10:20:00Z, the end of the last of those windows. Alert "
                + "only: the job did not change routing.", alert.annotations().get("description"));
        assertEquals("warning", alert.labels().get("severity"));
    }

    @Test
    void aLeaseIsWrittenInRfc3339WithItsMilliseconds() {
        Alert alert = template.alert(Incidents.latencyOpen())
                .withEndsAt(Instant.parse("2026-11-27T10:29:00.250Z"));

        String json = new String(AlertJson.object(alert), StandardCharsets.UTF_8);

        assertTrue(json.contains("\"startsAt\":\"2026-11-27T10:15:00Z\",\"endsAt\":\"2026-11-27T10:29:00.250Z\""),
                json);
    }

    @Test
    void labelsHoldNoTimesSoEveryIncidentOfAGuardrailHasOneLabelSet() {
        var first = Incidents.open("exp", "errors", Incidents.OPENED);
        var second = Incidents.open("exp", "errors", Incidents.OPENED + 3_600_000);

        assertEquals(template.alert(first).labels(), template.alert(second).labels());
        assertEquals(template.alert(first).labels(), template.alert(Incidents.resolve(first, Incidents.RESOLVED))
                .labels());
        assertEquals(List.of("alertname", "experiment_id", "guardrail", "severity", "variant"),
                List.copyOf(template.alert(first).labels().keySet()));
    }

    @Test
    void anArrayIsWhatAlertmanagerTakes() {
        Alert alert = template.alert(Incidents.errorRateOpen());

        assertEquals("[" + new String(AlertJson.object(alert), StandardCharsets.UTF_8) + ","
                        + new String(AlertJson.object(alert), StandardCharsets.UTF_8) + "]",
                new String(AlertJson.array(List.of(alert, alert)), StandardCharsets.UTF_8));
    }

    @Test
    void numbersHaveFourSignificantDigitsAndDurationsTheLargestWholeUnit() {
        assertEquals("312.5", AlertTemplate.number(312.5));
        assertEquals("0.02346", AlertTemplate.number(0.0234567));
        assertEquals("1235000", AlertTemplate.number(1_234_567.0));
        assertEquals("not measured", AlertTemplate.number(null));
        assertEquals("5m", AlertTemplate.duration(Duration.ofMinutes(5)));
        assertEquals("90s", AlertTemplate.duration(Duration.ofSeconds(90)));
        assertEquals("1d", AlertTemplate.duration(Duration.ofHours(24)));
        assertEquals("1500ms", AlertTemplate.duration(Duration.ofMillis(1500)));
    }
}
