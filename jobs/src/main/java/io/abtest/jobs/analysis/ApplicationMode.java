package io.abtest.jobs.analysis;

import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Whether {@code main} runs inside an application cluster's JobManager: Flink's application entrypoint (standalone,
 * Kubernetes, YARN) sets {@code execution.target: embedded} before it calls {@code main}. There {@code main} outlives
 * its job whether attached or not, and {@code System.exit} would end the JobManager's process, which Kubernetes then
 * restarts into the same failure.
 */
public final class ApplicationMode {

    static final String EMBEDDED_TARGET = "embedded";

    private ApplicationMode() {}

    public static boolean runsMain(ReadableConfig config) {
        return EMBEDDED_TARGET.equals(config.get(DeploymentOptions.TARGET));
    }
}
