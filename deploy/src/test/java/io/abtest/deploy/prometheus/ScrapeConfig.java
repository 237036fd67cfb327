package io.abtest.deploy.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * deploy/prometheus/prometheus.yml as a test runs it: only the standalone cluster's scrape job, its targets replaced
 * by the test's reporter port on 127.0.0.1, every interval 1 s, and the rule files resolved to deploy/prometheus/.
 * The Kubernetes scrape job is left out: there is no cluster here, and Debian's Prometheus is built without
 * Kubernetes service discovery.
 */
final class ScrapeConfig {

    static final Path ROOT = Path.of(System.getProperty("abtest.root", "..")).toAbsolutePath().normalize();
    static final Path PROMETHEUS = ROOT.resolve("deploy/prometheus");
    static final Path CHECKED_IN = PROMETHEUS.resolve("prometheus.yml");
    static final String STANDALONE_JOB = "abtest-flink-standalone";

    private static final YAMLMapper YAML = new YAMLMapper();

    private ScrapeConfig() {}

    static JsonNode checkedIn() throws IOException {
        return YAML.readTree(CHECKED_IN.toFile());
    }

    static Path forTest(Path directory, int reporterPort) throws IOException {
        ObjectNode config = (ObjectNode) checkedIn();
        ObjectNode global = config.withObjectProperty("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        ArrayNode rules = config.putArray("rule_files");
        checkedIn().path("rule_files").forEach(file -> rules.add(PROMETHEUS.resolve(file.asText()).toString()));
        ArrayNode jobs = config.putArray("scrape_configs");
        for (JsonNode job : checkedIn().path("scrape_configs")) {
            if (job.path("job_name").asText().equals(STANDALONE_JOB)) {
                ObjectNode standalone = job.deepCopy();
                ObjectNode targets = (ObjectNode) standalone.path("static_configs").get(0);
                targets.putArray("targets").add("127.0.0.1:" + reporterPort);
                jobs.add(standalone);
            }
        }
        if (jobs.isEmpty()) {
            throw new AssertionError("no scrape job " + STANDALONE_JOB + " in " + CHECKED_IN);
        }
        Files.createDirectories(directory);
        Path file = directory.resolve("prometheus.yml");
        YAML.writeValue(file.toFile(), config);
        return file;
    }
}
