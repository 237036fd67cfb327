package io.abtest.deploy.fault;

import io.abtest.deploy.standalone.StandaloneCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fault tests do to a real session cluster ({@link StandaloneCluster}, deploy/standalone's scripts): submit
 * the job jar {@code flink run} takes ({@code -Dabtest.jobs.jar}), from a savepoint or not, stop it with a savepoint,
 * kill and start TaskManagers.
 */
final class FaultCluster implements AutoCloseable {

    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");
    private static final Duration CLI_TIMEOUT = Duration.ofMinutes(3);

    private final StandaloneCluster cluster;
    private final String jobJar = System.getProperty("abtest.jobs.jar");

    private FaultCluster(StandaloneCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers of {@code slots} slots each; {@code configuration}
     * lines are added to the cluster's {@code config.yaml}. Returns when all TaskManagers have registered.
     */
    static FaultCluster start(Path home, int taskManagers, int slots, List<String> configuration) {
        StandaloneCluster.Builder builder = StandaloneCluster.builder(home).taskManagers(taskManagers)
                .slotsPerTaskManager(slots);
        configuration.forEach(builder::config);
        return new FaultCluster(builder.start());
    }

    /** {@code flink run -d JAR ARGS}: submits the job detached. */
    JobRestApi submit(List<String> jobArguments) {
        return submit(null, jobArguments);
    }

    /** {@code flink run -d -s SAVEPOINT JAR ARGS}: the job restored from a savepoint. */
    JobRestApi submit(String savepoint, List<String> jobArguments) {
        List<String> command = new ArrayList<>(List.of("run", "-d"));
        if (savepoint != null) {
            command.addAll(List.of("-s", savepoint));
        }
        command.add(jobJar);
        command.addAll(jobArguments);
        String jobId = StandaloneCluster.jobId(cluster.flink(CLI_TIMEOUT, command.toArray(String[]::new))
                .requireSuccess());
        return new JobRestApi(cluster.rest(), jobId);
    }

    /**
     * {@code flink stop [--drain] --savepointPath DIR JOB}: stop-with-savepoint; returns the savepoint's path. With
     * {@code drain}, the sources first emit the end of event time, so every window fires, as at the end of input.
     */
    String stopWithSavepoint(String jobId, Path directory, boolean drain) {
        List<String> command = new ArrayList<>(List.of("stop"));
        if (drain) {
            command.add("--drain");
        }
        command.addAll(List.of("--savepointPath", directory.toUri().toString(), jobId));
        String output = cluster.flink(CLI_TIMEOUT, command.toArray(String[]::new)).requireSuccess().output();
        Matcher path = SAVEPOINT.matcher(output);
        if (!path.find()) {
            throw new IllegalStateException("flink stop printed no savepoint path:\n" + output);
        }
        return path.group(1);
    }

    /** {@code cluster.sh kill-taskmanager N}: SIGKILL to TaskManager {@code n}'s JVM. */
    void killTaskManager(int n) {
        cluster.killTaskManager(n);
    }

    /** {@code cluster.sh start-taskmanager N}: returns once it has registered. */
    void startTaskManager(int n) {
        cluster.startTaskManager(n);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
