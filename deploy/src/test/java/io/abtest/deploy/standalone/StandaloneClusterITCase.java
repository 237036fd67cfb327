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
 * then the batch rerun of the same traffic as historical Parquet; DuckDB reads both outputs back. Finally the cluster is
 * stopped and no process of it may be left.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class StandaloneClusterITCase {

    static final Path EXPERIMENT = DeployScripts.directory().resolve("../experiments/minimal.yaml").normalize();

    @TempDir
    static Path work;

    static EmbeddedKafkaBroker broker;
    static SyntheticTraffic traffic;
    static ScriptResult topicsCreated;
    static ScriptResult topicsAgain;
    static Map<String, Long> pidsWhileRunning;
    static Map<String, Long> pidsBeforeStop;
    static final Map<String, List<java.net.InetSocketAddress>> listeningWhileRunning = new java.util.TreeMap<>();
    static ScriptResult secondStart;
    static Map<String, Long> pidsAfterSecondStart;
    static List<String> resourceIdsWhileRunning;
    static List<String> registeredWhileRunning;
    static ScriptResult streamingSubmission;
    static ScriptResult rerun;
    static ScriptResult statusAfterStop;
    static Path streamOutput;
    static Path rerunOutput;
    static StandaloneCluster cluster;
    static List<Integer> metricPorts;
    static List<String> scrapes;
    static int streamingParallelism;
    static long killedTaskManagerPid;
    static ScriptResult statusAfterKill;
    static ScriptResult restart;
    static String restartedResourceId;
    static List<String> registeredAfterRestart;

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
        Path history = work.resolve("history");
        HistoricalParquet.write(traffic, history);

        streamOutput = work.resolve("stream");
        rerunOutput = work.resolve("rerun");
        metricPorts = List.of(StandaloneCluster.freePort(), StandaloneCluster.freePort(), StandaloneCluster.freePort());
        long started = System.nanoTime();
        cluster = StandaloneCluster.builder(work.resolve("cluster")).taskManagers(2).slotsPerTaskManager(1)
                .config("parallelism.default: 2")
                .config("metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory")
                .config("metrics.reporter.prom.port: " + metricPorts.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",")))
                .start();
        try (StandaloneCluster running = cluster) {
            phase("cluster.sh start", started);
            pidsWhileRunning = running.pids();
            pidsWhileRunning.forEach((name, pid) -> listeningWhileRunning.put(name, ListeningSockets.of(pid)));
            scrapes = metricPorts.stream().map(StandaloneClusterITCase::scrape).toList();
            secondStart = DeployScripts.run("cluster.sh", running.environment(), Duration.ofMinutes(1), "start");
            pidsAfterSecondStart = running.pids();
            resourceIdsWhileRunning = List.of(
                    Files.readString(running.home().resolve("pids/taskmanager-1.resource-id")).strip(),
                    Files.readString(running.home().resolve("pids/taskmanager-2.resource-id")).strip());
            registeredWhileRunning = running.rest().taskManagerIds();

            streamingSubmission = running.submitStreaming("--experiments", EXPERIMENT.toString(),
                    "--output", streamOutput.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                    "--checkpoint-dir", work.resolve("checkpoints").toUri().toString(),
                    "--group-id", "standalone-it", "--bounded", "true", "--window", "10m",
                    "--checkpoint-interval", "2s").requireSuccess();
            String streamingJob = StandaloneCluster.jobId(streamingSubmission);
            running.awaitJobState(streamingJob, "FINISHED", Duration.ofMinutes(4));
            streamingParallelism = running.rest().get("/jobs/" + streamingJob).orElseThrow().path("vertices")
                    .findValues("parallelism").stream().mapToInt(v -> v.asInt()).max().orElse(0);
            phase("streaming job submitted and finished", started);

            rerun = running.submitRerun(Duration.ofMinutes(5), "--experiments", EXPERIMENT.toString(),
                    "--predictions", history.resolve("predictions").toString(),
                    "--outcomes", history.resolve("outcomes").toString(),
                    "--output", rerunOutput.toString(), "--window", "10m").requireSuccess();
            phase("batch rerun", started);

            killedTaskManagerPid = running.pid("taskmanager-2").orElseThrow();
            running.killTaskManager(2);
            statusAfterKill = running.status();
            restart = running.startTaskManager(2);
            restartedResourceId = Files.readString(running.home().resolve("pids/taskmanager-2.resource-id")).strip();
            registeredAfterRestart = running.rest().taskManagerIds();
            phase("TaskManager 2 killed and started again", started);
            pidsBeforeStop = running.pids();
        }
        phase("cluster.sh stop", started);
        statusAfterStop = cluster.status();
    }

    private static void phase(String name, long since) {
        System.out.printf("StandaloneClusterITCase: %s after %.1f s%n", name, (System.nanoTime() - since) / 1e9);
    }

    /** The text of {@code GET http://127.0.0.1:PORT/metrics}, empty when nothing answers there. */
    private static String scrape(int port) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /**
     * RPC, blob server, REST API and shuffle ports listen on 127.0.0.1 only; the Prometheus reporter, which has no
     * host option, on every interface.
     */
    @Test
    void everyProcessListensOnLoopbackOnlyButForTheMetricsPort() {
        listeningWhileRunning.forEach((name, sockets) -> {
            List<java.net.InetSocketAddress> cluster = sockets.stream()
                    .filter(s -> !metricPorts.contains(s.getPort())).toList();
            assertFalse(cluster.isEmpty(), name + " listens: " + sockets);
            assertTrue(cluster.stream().allMatch(s -> s.getAddress().isLoopbackAddress()), name + ": " + sockets);
        });
        assertTrue(listeningWhileRunning.get(StandaloneCluster.JOBMANAGER).stream()
                .anyMatch(s -> s.getPort() == Integer.parseInt(cluster.environment().get("REST_PORT"))
                        && s.getAddress().isLoopbackAddress()), "the REST port: " + listeningWhileRunning);
        assertEquals(3, listeningWhileRunning.values().stream()
                .filter(sockets -> sockets.stream().anyMatch(s -> metricPorts.contains(s.getPort()))).count(),
                "each process serves metrics: " + listeningWhileRunning);
    }

    @Test
    void aSecondStartInTheSameHomeIsRefusedAndChangesNothing() {
        assertEquals(1, secondStart.exitCode(), secondStart.output());
        assertTrue(secondStart.output().contains("processes of a cluster still run in"), secondStart.output());
        assertEquals(pidsWhileRunning, pidsAfterSecondStart);
    }

    /** ABTEST_FLINK_CONF's {@code parallelism.default: 2} replaced the generated 1 and reached the job. */
    @Test
    void extraConfigurationReplacesTheGeneratedKeyAndReachesTheJob() throws Exception {
        List<String> parallelism = Files.readAllLines(cluster.home().resolve("conf/config.yaml")).stream()
                .filter(line -> line.startsWith("parallelism.default:")).toList();
        assertEquals(List.of("parallelism.default: 2"), parallelism);
        assertEquals(2, streamingParallelism);
    }

    /**
     * The Prometheus reporter loads as a plugin in every process: the JobManager and each TaskManager took one of the
     * configured ports and serve Flink's metrics there.
     */
    @Test
    void everyProcessServesItsMetricsThroughThePrometheusReporterPlugin() {
        java.util.regex.Pattern twoRegistered =
                java.util.regex.Pattern.compile("(?m)^flink_jobmanager_numRegisteredTaskManagers(\\{[^}]*\\})? 2\\.0$");
        assertEquals(1, scrapes.stream().filter(s -> twoRegistered.matcher(s).find()).count(),
                "the JobManager's metrics, with both TaskManagers registered: " + scrapes);
        assertEquals(2, scrapes.stream().filter(s -> s.contains("flink_taskmanager_Status_JVM_CPU_Load")).count(),
                "each TaskManager's metrics");
    }

    /** What the fault-tolerance tests rely on: SIGKILL takes one TaskManager away; a new one registers in its place. */
    @Test
    void aKilledTaskManagerIsGoneAndAStartedOneRegistersUnderANewResourceId() {
        assertFalse(StandaloneCluster.isRunning(killedTaskManagerPid));
        assertFalse(statusAfterKill.output().contains("taskmanager-2"), statusAfterKill.output());
        assertTrue(statusAfterKill.output().contains("taskmanager-1: running"), statusAfterKill.output());
        assertFalse(resourceIdsWhileRunning.contains(restartedResourceId), restartedResourceId);
        assertTrue(restartedResourceId.startsWith("taskmanager-2-"), restartedResourceId);
        assertTrue(registeredAfterRestart.contains(restartedResourceId), registeredAfterRestart.toString());
        assertTrue(restart.output().contains("TaskManager 2 registered"), restart.output());
    }

    @Test
    void theStreamingJobCountsEveryUnitOfThePublishedTraffic() throws Exception {
        assertFinalConvertedRowMatchesTheTraffic(streamOutput);
    }

    @Test
    void theBatchRerunCountsEveryUnitOfTheHistoricalParquet() throws Exception {
        assertTrue(rerun.output().contains("Job has been submitted with JobID"), rerun.output());
        assertFinalConvertedRowMatchesTheTraffic(rerunOutput);
    }

    @Test
    void theRerunWritesTheAggregatesAndResultsTheStreamingRunWrote() throws Exception {
        assertSameRows("aggregates", "window_end, variant, metric, segment NULLS FIRST");
        assertSameRows("results", "as_of, metric, segment NULLS FIRST, treatment_variant");
    }

    /** Parquet cannot hold a malformed record: the streaming run dead-letters each, the rerun has none to. */
    @Test
    void theStreamingRunDeadLettersExactlyTheMalformedRecords() throws Exception {
        long expected = traffic.summary().deadLettered();
        assertTrue(expected > 0, "the traffic has malformed records");
        assertEquals(expected, DuckDbDatasets.read(streamOutput, "dead_letter", "reason").size());
        Path rerunDeadLetters = rerunOutput.resolve("dead_letter");
        try (var files = Files.exists(rerunDeadLetters) ? Files.walk(rerunDeadLetters) : java.util.stream.Stream.<Path>empty()) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".parquet")), "nothing to dead-letter in the rerun");
        }
    }

    @Test
    void stopLeavesNoProcessAndNoPidFile() {
        assertEquals(3, pidsBeforeStop.size(), pidsBeforeStop.toString());
        pidsBeforeStop.forEach((name, pid) -> assertFalse(StandaloneCluster.isRunning(pid), name + " (pid " + pid + ") runs"));
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
