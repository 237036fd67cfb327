package io.abtest.deploy.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.DuckDbDatasets;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticSummary;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Submitting to a cluster", run through {@code deploy/standalone}'s scripts: a JobManager and two
 * TaskManagers as separate JVMs from Maven Central's jars, the topics created by {@code create-topics.sh} on a real
 * KRaft broker, synthetic traffic published there, the streaming job submitted detached with {@code --bounded true},
 * then the batch rerun of the same traffic as JSON lines; DuckDB reads both outputs back. Finally the cluster is
 * stopped and no process of it may be left.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {

    static final Path EXPERIMENT = DeployScripts.directory().resolve("../experiments/minimal.yaml").normalize();

    @TempDir
    static Path work;

    static EmbeddedKafkaBroker broker;
    static SyntheticTraffic traffic;
    static ScriptResult topicsCreated;
    static ScriptResult topicsAgain;
    static Map<String, Long> pidsWhileRunning;
    static List<String> resourceIdsWhileRunning;
    static List<String> registeredWhileRunning;
    static ScriptResult streamingSubmission;
    static ScriptResult rerun;
    static ScriptResult statusAfterStop;
    static Path streamOutput;
    static Path rerunOutput;
    static StandaloneCluster cluster;

    @BeforeAll
    static void runTheReadmeLinesOnAStandaloneCluster() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        topicsCreated = DeployScripts.createTopics(broker.bootstrapServers()).requireSuccess();
        topicsAgain = DeployScripts.createTopics(broker.bootstrapServers()).requireSuccess();

        traffic = SyntheticTraffic.generate(ExperimentCatalog.load(EXPERIMENT).configs().get("minimal"),
                SyntheticOptions.builder().units(800).lift("treatment", 0.3).malformedFraction(0.01).lateFraction(0)
                        .duration(Duration.ofHours(1)).build());
        try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                KafkaTrafficPublisher.PREDICTIONS_TOPIC, KafkaTrafficPublisher.OUTCOMES_TOPIC,
                KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
            publisher.publish(traffic);
        }
        Path predictions = work.resolve("history/predictions.jsonl");
        Path outcomes = work.resolve("history/outcomes.jsonl");
        Files.createDirectories(predictions.getParent());
        traffic.writeJsonLines(predictions, outcomes);

        streamOutput = work.resolve("stream");
        rerunOutput = work.resolve("rerun");
        cluster = StandaloneCluster.builder(work.resolve("cluster")).taskManagers(2).slotsPerTaskManager(1)
                .config("parallelism.default: 2").start();
        try (StandaloneCluster running = cluster) {
            pidsWhileRunning = running.pids();
            resourceIdsWhileRunning = List.of(
                    Files.readString(running.home().resolve("pids/taskmanager-1.resource-id")).strip(),
                    Files.readString(running.home().resolve("pids/taskmanager-2.resource-id")).strip());
            registeredWhileRunning = running.rest().taskManagerIds();

            streamingSubmission = running.submitStreaming("--experiments", EXPERIMENT.toString(),
                    "--output", streamOutput.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                    "--checkpoint-dir", work.resolve("checkpoints").toUri().toString(),
                    "--group-id", "standalone-it", "--bounded", "true", "--window", "10m",
                    "--checkpoint-interval", "2s").requireSuccess();
            running.awaitJobState(StandaloneCluster.jobId(streamingSubmission), "FINISHED", Duration.ofMinutes(4));

            rerun = running.submitRerun(Duration.ofMinutes(4), "--experiments", EXPERIMENT.toString(),
                    "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
                    "--input-format", "jsonl", "--output", rerunOutput.toString(), "--window", "10m")
                    .requireSuccess();
        }
        statusAfterStop = cluster.status();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void createTopicsGivesEachTopicItsDocumentedSettingsAndASecondRunChangesNothing() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("ab.predictions", "ab.outcomes", "ab.alerts", "ab.control")).allTopicNames().get();
            assertEquals(6, topics.get("ab.predictions").partitions().size());
            assertEquals(6, topics.get("ab.outcomes").partitions().size());
            assertEquals(1, topics.get("ab.alerts").partitions().size());
            assertEquals(1, topics.get("ab.control").partitions().size());

            Map<String, Config> configs = new HashMap<>();
            admin.describeConfigs(topics.keySet().stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get()
                    .forEach((resource, config) -> configs.put(resource.name(), config));
            assertEquals("compact", configs.get("ab.control").get("cleanup.policy").value());
            for (String topic : List.of("ab.predictions", "ab.outcomes", "ab.alerts")) {
                assertEquals("delete", configs.get(topic).get("cleanup.policy").value(), topic);
                assertEquals("604800000", configs.get(topic).get("retention.ms").value(), topic);
            }
        }
        assertEquals(0, topicsAgain.exitCode());
        assertTrue(topicsCreated.output().contains("Created topic ab.control."), topicsCreated.output());
        assertFalse(topicsAgain.output().contains("Created topic"), "nothing new the second time: " + topicsAgain.output());
    }

    @Test
    void theClusterWasAJobManagerAndTwoRegisteredTaskManagersInSeparateProcesses() {
        assertEquals(List.of(StandaloneCluster.JOBMANAGER, "taskmanager-1", "taskmanager-2"),
                List.copyOf(pidsWhileRunning.keySet()));
        assertEquals(3, pidsWhileRunning.values().stream().distinct().count(), pidsWhileRunning.toString());
        assertFalse(pidsWhileRunning.containsValue(ProcessHandle.current().pid()), "none of them is this JVM");
        assertEquals(resourceIdsWhileRunning.stream().sorted().toList(),
                registeredWhileRunning.stream().sorted().toList());
    }

    @Test
    void theStreamingJobCountsEveryUnitOfThePublishedTraffic() throws Exception {
        assertFinalConvertedRowMatchesTheTraffic(streamOutput);
    }

    @Test
    void theBatchRerunCountsEveryUnitOfTheHistoricalFiles() throws Exception {
        assertTrue(rerun.output().contains("Job has been submitted with JobID"), rerun.output());
        assertFinalConvertedRowMatchesTheTraffic(rerunOutput);
    }

    @Test
    void theRerunWritesTheAggregatesAndResultsTheStreamingRunWrote() throws Exception {
        assertSameRows("aggregates", "window_end, variant, metric, segment NULLS FIRST");
        assertSameRows("results", "as_of, metric, segment NULLS FIRST, treatment_variant");
    }

    @Test
    void bothRunsDeadLetterExactlyTheMalformedRecords() throws Exception {
        long expected = traffic.summary().deadLettered();
        assertTrue(expected > 0, "the traffic has malformed records");
        assertEquals(expected, DuckDbDatasets.read(streamOutput, "dead_letter", "reason").size());
        assertEquals(expected, DuckDbDatasets.read(rerunOutput, "dead_letter", "reason").size());
    }

    @Test
    void stopLeavesNoProcessAndNoPidFile() {
        pidsWhileRunning.forEach((name, pid) -> assertFalse(
                ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), name + " (pid " + pid + ") is alive"));
        assertTrue(cluster.pids().isEmpty(), cluster.pids().toString());
        assertEquals(3, statusAfterStop.exitCode(), statusAfterStop.output());
        assertTrue(statusAfterStop.output().contains("jobmanager: not running"), statusAfterStop.output());
    }

    private static void assertFinalConvertedRowMatchesTheTraffic(Path output) throws Exception {
        List<Map<String, Object>> results = DuckDbDatasets.read(output, "results", "as_of, segment NULLS FIRST");
        assertFalse(results.isEmpty(), "results/ of " + output);
        Map<String, Object> last = results.stream()
                .filter(r -> r.get("metric").equals("converted") && r.get("segment") == null)
                .reduce((a, b) -> b).orElseThrow();
        SyntheticSummary summary = traffic.summary();
        long control = summary.singleVariantUnits().get("control");
        long treatment = summary.singleVariantUnits().get("treatment");
        assertTrue(control > 300 && treatment > 300, "both variants have units: " + control + ", " + treatment);
        assertEquals(control, ((Number) last.get("control_n")).longValue());
        assertEquals(treatment, ((Number) last.get("treatment_n")).longValue());
        assertEquals((double) summary.singleVariantConvertedUnits().get("control") / control,
                (Double) last.get("control_mean"), 1e-12);
        assertEquals((double) summary.singleVariantConvertedUnits().get("treatment") / treatment,
                (Double) last.get("treatment_mean"), 1e-12);
    }

    /** Same rows in the same order; doubles equal to 1e-9 relative (CONTRACT.md section 2), the rest equal. */
    private static void assertSameRows(String dataset, String order) throws Exception {
        List<Map<String, Object>> streamed = DuckDbDatasets.read(streamOutput, dataset, order);
        List<Map<String, Object>> rerun = DuckDbDatasets.read(rerunOutput, dataset, order);
        assertFalse(streamed.isEmpty(), dataset + " of the streaming run");
        assertEquals(streamed.size(), rerun.size(), dataset + " rows");
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < streamed.size(); i++) {
            for (Map.Entry<String, Object> column : streamed.get(i).entrySet()) {
                Object a = column.getValue();
                Object b = rerun.get(i).get(column.getKey());
                boolean same = a instanceof Double x && b instanceof Double y
                        ? x.equals(y) || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))
                        : java.util.Objects.equals(a, b);
                if (!same) {
                    differences.add(dataset + " row " + i + " " + column.getKey() + ": " + a + " vs " + b);
                }
            }
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences.subList(0, Math.min(20, differences.size()))));
    }
}
