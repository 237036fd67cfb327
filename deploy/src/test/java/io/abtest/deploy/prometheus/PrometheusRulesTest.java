package io.abtest.deploy.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus checked by Prometheus' own promtool (the one beside the prometheus binary): the rules load, their
 * unit tests (abtest-rules-test.yml: recorded values, alerts pending, firing and clearing) pass, and the configuration
 * a test runs is valid. The Kubernetes scrape job is checked here only for what it must agree on with
 * deploy/kubernetes; Debian's promtool, built without Kubernetes discovery, cannot load it.
 */
class PrometheusRulesTest {

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PrometheusProcess.binary("promtool", "PROMETHEUS_BIN").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ScrapeConfig.PROMETHEUS.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }

    @Test
    void theRulesLoadAndPassTheirUnitTests() throws Exception {
        assertTrue(promtool("check", "rules", "abtest-rules.yml").contains("SUCCESS: 5 rules found"));
        promtool("test", "rules", "abtest-rules-test.yml");
    }

    @Test
    void theConfigurationATestRunsIsValid(@TempDir Path directory) throws Exception {
        Path config = ScrapeConfig.forTest(directory, 9249);
        assertTrue(promtool("check", "config", config.toString()).contains("SUCCESS"));
    }

    @Test
    void theKubernetesScrapeJobSelectsThePodsAndPortDeployKubernetesDeclares() throws Exception {
        JsonNode kubernetes = null;
        for (JsonNode job : ScrapeConfig.checkedIn().path("scrape_configs")) {
            if (job.path("job_name").asText().equals("abtest-flink-kubernetes")) {
                kubernetes = job;
            }
        }
        assertTrue(kubernetes != null, "a Kubernetes scrape job");
        assertEquals("pod", kubernetes.at("/kubernetes_sd_configs/0/role").asText());
        List<String> keeps = new ArrayList<>();
        for (JsonNode relabel : kubernetes.path("relabel_configs")) {
            if (relabel.path("action").asText().equals("keep")) {
                keeps.add(relabel.path("source_labels").get(0).asText() + "=" + relabel.path("regex").asText());
            }
        }
        assertTrue(keeps.contains("__meta_kubernetes_pod_label_app_kubernetes_io_part_of=abtest"), keeps.toString());
        assertTrue(keeps.contains("__meta_kubernetes_pod_container_port_name=metrics"), keeps.toString());
    }
}
