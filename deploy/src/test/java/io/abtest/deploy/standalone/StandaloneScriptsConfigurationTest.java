package io.abtest.deploy.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad configuration of the deploy/standalone scripts stops them before any process starts, with exit code 2 and a
 * message naming what is wrong; no cluster is started here.
 */
class StandaloneScriptsConfigurationTest {

    @TempDir
    Path home;

    @Test
    void aTaskManagerCountThatIsNotAPositiveIntegerIsNamed() {
        ScriptResult result = cluster(Map.of("TASKMANAGERS", "0"), "start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("TASKMANAGERS must be a positive integer, got '0'"), result.output());
        assertNoProcessStarted();
    }

    @Test
    void aRestPortOutOfRangeIsNamed() {
        ScriptResult result = cluster(Map.of("REST_PORT", "70000"), "start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("REST_PORT must be below 65536"), result.output());
    }

    @Test
    void aFlinkHomeWithoutLibIsNamed() {
        ScriptResult result = cluster(Map.of("FLINK_HOME", home.resolve("no-flink").toString()), "start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("FLINK_HOME=" + home.resolve("no-flink") + " has no lib/ folder"),
                result.output());
    }

    /** Flink's own memory model judges the size (BashJavaUtils) before the JobManager starts, so nothing is left running. */
    @Test
    void aTaskManagerMemoryFlinkRejectsIsNamedAndNoProcessIsLeft() {
        ScriptResult result = cluster(Map.of("TASKMANAGER_MEMORY", "100m"), "start");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("Flink rejected the TaskManagers' memory (TASKMANAGER_MEMORY=100m"),
                result.output());
        assertTrue(result.output().contains("exceed configured Total Process Memory"), result.output());
        assertNoProcessStarted();
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        ScriptResult result = cluster(Map.of(), "restart");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("cluster.sh kill-taskmanager N"), result.output());
    }

    @Test
    void killingATaskManagerThatDoesNotRunFails() {
        ScriptResult result = cluster(Map.of(), "kill-taskmanager", "3");
        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("TaskManager 3 is not running"), result.output());
    }

    @Test
    void theCliWithoutAClusterConfigurationSaysToStartOne() {
        ScriptResult result = DeployScripts.run("flink.sh", environment(Map.of()), Duration.ofMinutes(1), "list");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("run cluster.sh start first"), result.output());
    }

    @Test
    void aMissingJobJarIsNamed() {
        Path jar = home.resolve("missing.jar");
        ScriptResult result = DeployScripts.run("submit-rerun.sh", environment(Map.of("ABTEST_JOB_JAR", jar.toString())),
                Duration.ofMinutes(1), "--experiments", "x");
        assertEquals(2, result.exitCode(), result.output());
        assertTrue(result.output().contains("no job jar (ABTEST_JOB_JAR=" + jar + ")"), result.output());
    }

    @Test
    void createTopicsNamesAMissingOrBadArgument() {
        ScriptResult missing = DeployScripts.run("create-topics.sh", Map.of(), Duration.ofMinutes(1));
        assertEquals(2, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("--bootstrap-servers is required"), missing.output());

        ScriptResult partitions = DeployScripts.createTopics("127.0.0.1:9", "--partitions", "0");
        assertEquals(2, partitions.exitCode(), partitions.output());
        assertTrue(partitions.output().contains("--partitions must be a positive integer, got '0'"), partitions.output());

        ScriptResult unknown = DeployScripts.createTopics("127.0.0.1:9", "--replicas", "3");
        assertEquals(2, unknown.exitCode(), unknown.output());
        assertTrue(unknown.output().contains("unknown argument '--replicas'"), unknown.output());
    }

    private ScriptResult cluster(Map<String, String> settings, String... args) {
        return DeployScripts.run("cluster.sh", environment(settings), Duration.ofMinutes(3), args);
    }

    private Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(Map.of("ABTEST_CLUSTER_HOME", home.toString(),
                "REST_PORT", Integer.toString(StandaloneCluster.freePort()),
                "RPC_PORT", Integer.toString(StandaloneCluster.freePort())));
        environment.putAll(settings);
        return environment;
    }

    private void assertNoProcessStarted() {
        Path pids = home.resolve("pids");
        try (var files = Files.exists(pids) ? Files.list(pids) : java.util.stream.Stream.<Path>empty()) {
            assertFalse(files.findAny().isPresent(), "no pid file");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
