package io.abtest.deploy.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Flink session cluster (a JobManager and TaskManagers, each its own JVM) run through deploy/standalone's
 * scripts, {@code cluster.sh} and {@code flink.sh}, with the job jar {@code flink run} takes
 * ({@code -Dabtest.jobs.jar}).
 */
final class FaultCluster implements AutoCloseable {

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private final Path scripts = Path.of(System.getProperty("abtest.root"), "deploy", "standalone");
    private final Path jobJar = Path.of(System.getProperty("abtest.jobs.jar"));
    private final Map<String, String> environment;
    private final Path home;
    private final int restPort;

    private FaultCluster(Path home, int restPort, Map<String, String> environment) {
        this.home = home;
        this.restPort = restPort;
        this.environment = environment;
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each; {@code configuration}
     * lines are added to the cluster's {@code config.yaml}. Returns when all TaskManagers have registered.
     */
    static FaultCluster start(Path home, int taskManagers, int slots, List<String> configuration) {
        int restPort = freePort();
        FaultCluster cluster = new FaultCluster(home, restPort, Map.of(
                "ABTEST_CLUSTER_HOME", home.toString(),
                "TASKMANAGERS", String.valueOf(taskManagers),
                "TASKMANAGER_SLOTS", String.valueOf(slots),
                "REST_PORT", String.valueOf(restPort),
                "RPC_PORT", String.valueOf(freePort()),
                "ABTEST_FLINK_CONF", String.join("\n", configuration)));
        cluster.script(Duration.ofMinutes(3), "cluster.sh", "start");
        return cluster;
    }

    URI rest() {
        return URI.create("http://127.0.0.1:" + restPort);
    }

    /** {@code flink run -d JAR ARGS}: submits the job detached and returns its id. */
    JobRestApi submit(List<String> jobArguments) {
        return submit(null, jobArguments);
    }

    /** {@code flink run -d -s SAVEPOINT JAR ARGS}: the job restored from a savepoint. */
    JobRestApi submit(String savepoint, List<String> jobArguments) {
        List<String> command = new ArrayList<>(List.of("flink.sh", "run", "-d"));
        if (savepoint != null) {
            command.addAll(List.of("-s", savepoint));
        }
        command.add(jobJar.toString());
        command.addAll(jobArguments);
        String output = script(Duration.ofMinutes(3), command.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(output);
        if (!id.find()) {
            throw new IllegalStateException("flink run printed no JobID:\n" + output);
        }
        return new JobRestApi(rest(), id.group(1));
    }

    /**
     * {@code flink stop [--drain] --savepointPath DIR JOB}: stop-with-savepoint; returns the savepoint's path. With
     * {@code drain}, the sources first emit the end of event time, so every window fires, as at the end of input.
     */
    String stopWithSavepoint(String jobId, Path directory, boolean drain) {
        List<String> command = new ArrayList<>(List.of("flink.sh", "stop"));
        if (drain) {
            command.add("--drain");
        }
        command.addAll(List.of("--savepointPath", directory.toUri().toString(), jobId));
        String output = script(Duration.ofMinutes(3), command.toArray(String[]::new));
        Matcher path = SAVEPOINT.matcher(output);
        if (!path.find()) {
            throw new IllegalStateException("flink stop printed no savepoint path:\n" + output);
        }
        return path.group(1);
    }

    /** SIGKILL to TaskManager {@code n}'s JVM. */
    void killTaskManager(int n) {
        script(Duration.ofMinutes(1), "cluster.sh", "kill-taskmanager", String.valueOf(n));
    }

    void startTaskManager(int n) {
        script(Duration.ofMinutes(2), "cluster.sh", "start-taskmanager", String.valueOf(n));
    }

    /** The cluster's logs, for a failure message. */
    Path logs() {
        return home.resolve("log");
    }

    @Override
    public void close() {
        script(Duration.ofMinutes(1), "cluster.sh", "stop");
    }

    private String script(Duration timeout, String... command) {
        List<String> line = new ArrayList<>(List.of("bash", scripts.resolve(command[0]).toString()));
        line.addAll(List.of(command).subList(1, command.length));
        try {
            Path output = Files.createTempFile("fault-cluster-", ".out");
            ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", line) + " did not end within " + timeout + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", line) + " exited with " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + line, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
