package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GeneratorUrlTest {

    @Test
    void replacesThePlaceholdersWithTheIncidentsValuesUrlEncoded() {
        GeneratorUrl url = GeneratorUrl.of(
                "https://grafana.example.com/d/abtest?var-experiment={experiment_id}&var-variant={variant}"
                        + "&var-guardrail={guardrail}&incident={incident_id}");

        assertEquals("https://grafana.example.com/d/abtest?var-experiment=ranker-v2&var-variant=challenger"
                        + "&var-guardrail=latency-p99&incident=ranker-v2%2Fchallenger%2Flatency-p99%2F"
                        + "2026-11-27T10%3A15%3A00Z",
                url.expand(Incidents.latencyOpen()));
    }

    @Test
    void theDefaultIsTheFlinkWebUiAsItIs() {
        assertEquals("http://localhost:8081/#/job/running",
                GeneratorUrl.of(GeneratorUrl.DEFAULT).expand(Incidents.latencyOpen()));
    }

    @Test
    void rejectsUnknownPlaceholdersAndWhatIsNotAnAbsoluteHttpUrl() {
        assertEquals(Optional.of("unknown placeholder {job} (known: {experiment_id}, {variant}, {guardrail}, "
                + "{incident_id}) in http://flink:8081/#/job/{job}"), GeneratorUrl.problem("http://flink:8081/#/job/{job}"));
        assertEquals(Optional.of("must be an absolute http:// or https:// URL, got /dashboards/{experiment_id}"),
                GeneratorUrl.problem("/dashboards/{experiment_id}"));
        assertEquals(Optional.of("must be an absolute http:// or https:// URL, got ftp://files/x"),
                GeneratorUrl.problem("ftp://files/x"));
        assertEquals("not a URL (Illegal character in authority): http://flink 8081/",
                GeneratorUrl.problem("http://flink 8081/").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> GeneratorUrl.of("not a url"));
    }
}
