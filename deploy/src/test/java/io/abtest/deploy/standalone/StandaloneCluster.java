package io.abtest.deploy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Flink session cluster of separate JVMs, started, driven and stopped through {@code deploy/standalone}'s
 * scripts ({@code cluster.sh}, {@code flink.sh}, {@code submit-*.sh}), on free ports of 127.0.0.1, in its own
 * {@code ABTEST_CLUSTER_HOME}. The job jar is the one the system property {@code abtest.jobs.jar} names.
 *
 * <p>{@link #close()} runs {@code cluster.sh stop} and fails when a process of the cluster is left; a JVM shutdown
 * hook stops a cluster that was never closed.
 */
public final class StandaloneCluster implements AutoCloseable {

    /** The JobManager's process name in {@code pids/}; TaskManager N is {@code taskmanager-N}. */
    public static final String JOBMANAGER = "jobmanager";

    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Set<String> TERMINAL_STATES = Set.of("FINISHED", "FAILED", "CANCELED");
    /** Generous: on a loaded 2-core machine a JVM takes 15 s to log its first line and a cluster 90 s to start. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CLUSTER_SCRIPT_TIMEOUT = START_TIMEOUT.plusMinutes(1);

    private final Path home;
    private final Map<String, String> environment;
    private final ClusterRest rest;
    /** Stops the cluster if the test JVM exits without closing it (a Surefire timeout, Ctrl-C). */
    private final Thread stopAtExit = new Thread(this::stopQuietly, "stop standalone cluster");
    private boolean closed;

    private StandaloneCluster(Path home, Map<String, String> environment) {
        this.home = home;
        this.environment = environment;
        this.rest = new ClusterRest("http://127.0.0.1:" + environment.get("REST_PORT"));
    }

    /** A cluster whose working folder ({@code ABTEST_CLUSTER_HOME}) is {@code home}. */
    public static Builder builder(Path home) {
        return new Builder(home);
    }

    public Path home() {
        return home;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + environment.get("REST_PORT");
    }

    public ClusterRest rest() {
        return rest;
    }

    /** The environment the scripts run with ({@code ABTEST_CLUSTER_HOME}, ports, {@code ABTEST_JOB_JAR}, ...). */
    public Map<String, String> environment() {
        return environment;
    }

    /** {@code flink.sh ARGS...}, Flink's CLI against this cluster. */
    public ScriptResult flink(Duration timeout, String... args) {
        return DeployScripts.run("flink.sh", environment, timeout, args);
    }

    /** {@code submit-streaming.sh JOB_ARGS...}: the job, detached; the result names the job id ({@link #jobId}). */
    public ScriptResult submitStreaming(String... jobArgs) {
        return DeployScripts.run("submit-streaming.sh", environment, Duration.ofMinutes(5), jobArgs);
    }

    /** {@code submit-rerun.sh JOB_ARGS...}: the batch rerun, attached; returns when it has finished. */
    public ScriptResult submitRerun(Duration timeout, String... jobArgs) {
        return DeployScripts.run("submit-rerun.sh", environment, timeout, jobArgs);
    }

    /** The job id the CLI printed ("Job has been submitted with JobID ..."). */
    public static String jobId(ScriptResult submission) {
        Matcher matcher = JOB_ID.matcher(submission.output());
        if (!matcher.find()) {
            throw new IllegalStateException("no JobID in the output of " + submission.script() + ":\n"
                    + submission.output());
        }
        return matcher.group(1);
    }

    /**
     * Polls the REST API until the job is in {@code state}.
     *
     * @throws IllegalStateException when the job ends in another terminal state or the time runs out, with the
     *     JobManager's last log lines
     */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<String> current = Optional.empty();
        while (System.nanoTime() < deadline) {
            current = rest.jobState(jobId);
            if (current.filter(state::equals).isPresent()) {
                return;
            }
            if (current.filter(TERMINAL_STATES::contains).isPresent()) {
                throw new IllegalStateException("job " + jobId + " ended " + current.get() + ", not " + state
                        + "; exceptions: " + rest.get("/jobs/" + jobId + "/exceptions").map(Object::toString).orElse("")
                        + "\n" + logTail(JOBMANAGER, 40));
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("job " + jobId + " is " + current.orElse("unknown") + ", not " + state
                + ", after " + timeout + "\n" + logTail(JOBMANAGER, 40));
    }

    /** {@code cluster.sh kill-taskmanager N}: SIGKILL. */
    public ScriptResult killTaskManager(int n) {
        return cluster("kill-taskmanager", Integer.toString(n)).requireSuccess();
    }

    /** {@code cluster.sh start-taskmanager N}: returns once it is registered. */
    public ScriptResult startTaskManager(int n) {
        return cluster("start-taskmanager", Integer.toString(n)).requireSuccess();
    }

    /** {@code cluster.sh status} (exit 0 while the JobManager runs, 3 when it does not). */
    public ScriptResult status() {
        return cluster("status");
    }

    /** The pid in {@code pids/NAME.pid} ({@link #JOBMANAGER} or {@code taskmanager-N}), if the file exists. */
    public OptionalLong pid(String process) {
        String text = DeployScripts.readFile(home.resolve("pids").resolve(process + ".pid")).strip();
        return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
    }

    /** Every pid file of {@code pids/}, by process name. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        Path folder = home.resolve("pids");
        if (!Files.isDirectory(folder)) {
            return pids;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pid")).sorted()
                    .forEach(f -> pids.put(f.substring(0, f.length() - 4), pid(f.substring(0, f.length() - 4)).orElseThrow()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pids;
    }

    /** The last lines of {@code log/NAME.log}. */
    public String logTail(String process, int lines) {
        List<String> all = DeployScripts.readFile(home.resolve("log").resolve(process + ".log")).lines().toList();
        return "--- " + process + ".log:\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** {@code cluster.sh stop}; then no pid file may be left and none of the processes they named may be alive. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what called close()
        }
        Map<String, Long> before = pids();
        ScriptResult stop = cluster("stop");
        List<String> left = new ArrayList<>();
        before.forEach((name, pid) -> {
            if (isRunning(pid)) {
                left.add(name + " (pid " + pid + ")");
            }
        });
        if (stop.exitCode() != 0 || !left.isEmpty() || !pids().isEmpty()) {
            throw new IllegalStateException("cluster.sh stop left " + left + ", pid files " + pids() + ":\n"
                    + stop.output());
        }
    }

    /**
     * Whether the process exists and has not exited. An exited process its new parent has not reaped yet (a zombie:
     * the cluster's JVMs are orphans once the script that started them exits) has exited, though
     * {@link ProcessHandle#isAlive()} still says alive.
     */
    public static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        String stat = DeployScripts.readFile(Path.of("/proc", Long.toString(pid), "stat"));
        int afterName = stat.lastIndexOf(')');
        return afterName < 0 || !stat.substring(afterName + 1).strip().startsWith("Z");
    }

    private void stopQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("stopping the standalone cluster in " + home + " at exit: " + e.getMessage());
        }
    }

    private ScriptResult cluster(String... args) {
        return DeployScripts.run("cluster.sh", environment, CLUSTER_SCRIPT_TIMEOUT, args);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What {@code cluster.sh start} gets: the number of TaskManagers, their slots and memory, extra configuration. */
    public static final class Builder {

        private final Path home;
        private int taskManagers = 1;
        private int slots = 1;
        private String taskManagerMemory = "1280m";
        private String jobManagerMemory = "1024m";
        private final List<String> configuration = new ArrayList<>();

        private Builder(Path home) {
            this.home = home;
        }

        public Builder taskManagers(int value) {
            taskManagers = value;
            return this;
        }

        public Builder slotsPerTaskManager(int value) {
            slots = value;
            return this;
        }

        public Builder taskManagerMemory(String value) {
            taskManagerMemory = value;
            return this;
        }

        public Builder jobManagerMemory(String value) {
            jobManagerMemory = value;
            return this;
        }

        /** A line of config.yaml ({@code key: value}), given to the script through {@code ABTEST_FLINK_CONF}. */
        public Builder config(String line) {
            configuration.add(line);
            return this;
        }

        /**
         * Runs {@code cluster.sh start} and returns once every TaskManager is registered.
         *
         * @throws IllegalStateException when the script fails (the cluster is then stopped)
         */
        public StandaloneCluster start() {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("ABTEST_CLUSTER_HOME", home.toAbsolutePath().toString());
            environment.put("TASKMANAGERS", Integer.toString(taskManagers));
            environment.put("TASKMANAGER_SLOTS", Integer.toString(slots));
            environment.put("TASKMANAGER_MEMORY", taskManagerMemory);
            environment.put("JOBMANAGER_MEMORY", jobManagerMemory);
            environment.put("REST_PORT", Integer.toString(freePort()));
            environment.put("RPC_PORT", Integer.toString(freePort()));
            environment.put("ABTEST_FLINK_CONF", String.join("\n", configuration));
            environment.put("START_TIMEOUT", Long.toString(START_TIMEOUT.toSeconds()));
            String jobJar = System.getProperty("abtest.jobs.jar");
            if (jobJar != null) {
                environment.put("ABTEST_JOB_JAR", jobJar);
            }
            StandaloneCluster cluster = new StandaloneCluster(home, Map.copyOf(environment));
            Runtime.getRuntime().addShutdownHook(cluster.stopAtExit);
            ScriptResult start = cluster.cluster("start");
            if (start.exitCode() != 0) {
                try {
                    cluster.close();
                } catch (RuntimeException e) {
                    start = new ScriptResult(start.script(), start.exitCode(), start.output() + "\n" + e.getMessage());
                }
                start.requireSuccess();
            }
            return cluster;
        }
    }

    /** A port of 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
