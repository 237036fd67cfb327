package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch rerun submitted with Flink's own command line ({@code CliFrontend}, what {@code flink run} starts) in a
 * child JVM, against a cluster address where nothing listens: {@code run -d} is refused by the job's main with exit
 * code 2 before any submission (so the refusal sees the configuration the real client gives it), and an attached
 * {@code run} whose submission fails exits non-zero leaving neither output nor staging folder.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class FlinkCliRerunITCase {

    /** What flink-dist's {@code env.java.opts.all} opens for Flink on Java 17, as far as the client needs it. */
    private static final List<String> OPENS = List.of("--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED");

    @TempDir
    Path work;

    private Path conf;
    private Path jar;
    private Path output;

    @BeforeEach
    void client() throws IOException {
        conf = Files.createDirectories(work.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), String.join("\n", "rest.address: 127.0.0.1", "rest.port: 9",
                "rest.retry.max-attempts: 0", "rest.connection-timeout: 2 s", ""));
        // the job's classes come from the test classpath; `flink run` needs a jar to name
        jar = work.resolve("job.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        output = work.resolve("reruns/2026-11-27");
    }

    private Process flinkRun(String... runOptions) throws IOException {
        Path predictions = Files.writeString(work.resolve("predictions.jsonl"), "{}\n");
        Path outcomes = Files.writeString(work.resolve("outcomes.jsonl"), "{}\n");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(OPENS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "org.apache.flink.client.cli.CliFrontend", "run"));
        command.addAll(List.of(runOptions));
        command.addAll(List.of("-c", AnalysisJob.class.getName(), jar.toString(),
                "--experiments", AnalysisJobITCase.EXPERIMENT.toString(), "--mode", "batch", "--input-format", "jsonl",
                "--predictions", predictions.toString(), "--outcomes", outcomes.toString(),
                "--output", output.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("client.log").toFile());
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder.start();
    }

    private String log() throws IOException {
        return Files.readString(work.resolve("client.log"), StandardCharsets.UTF_8);
    }

    private int exitCode(Process client) throws InterruptedException {
        assertTrue(client.waitFor(3, TimeUnit.MINUTES), "the client ends");
        return client.exitValue();
    }

    @Test
    void flinkRunDetachedIsRefusedWithExitCode2() throws Exception {
        assertEquals(2, exitCode(flinkRun("-d")));
        assertTrue(log().contains("-d (execution.attached: false): --mode batch cannot be submitted detached"), log());
        assertFalse(Files.exists(output.getParent()), "nothing written");
    }

    @Test
    void anAttachedRunWhoseSubmissionFailsLeavesNoOutputAndNoStagingFolder() throws Exception {
        int status = exitCode(flinkRun());
        assertTrue(status != 0, "exit code " + status + "\n" + log());
        assertTrue(log().contains("Connection refused"), log());
        try (Stream<Path> left = Files.list(output.getParent())) {
            assertEquals(List.of(), left.toList(), "the staging folder was removed");
        }
    }
}
