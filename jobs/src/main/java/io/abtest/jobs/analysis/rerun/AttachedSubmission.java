package io.abtest.jobs.analysis.rerun;

import java.util.Set;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * A batch rerun's {@code main} must outlive its job: it moves the finished output into place. {@code flink run -d}
 * submits to a session cluster and returns at once ({@code execution.attached: false}), so nothing would ever move
 * the output: refused. In application mode ({@link io.abtest.jobs.analysis.ApplicationMode}) {@code main} runs in the JobManager and waits
 * for the job there, attached or not; a local environment always waits.
 */
final class AttachedSubmission {

    /** The targets a client submits to and may leave behind. */
    private static final Set<String> SESSION_TARGETS = Set.of("remote", "kubernetes-session", "yarn-session");

    private AttachedSubmission() {}

    static void require(ReadableConfig config) {
        String target = config.get(DeploymentOptions.TARGET);
        if (!config.get(DeploymentOptions.ATTACHED) && target != null && SESSION_TARGETS.contains(target)) {
            throw new RerunRefused("-d (execution.attached: false): --mode batch cannot be submitted detached. The "
                    + "client moves the finished datasets into --output when the job ends, so it waits for the job: "
                    + "submit without -d, or in application mode, where main runs in the JobManager and waits there");
        }
    }
}
