package io.abtest.bench.job;

/**
 * Lowers slf4j-simple's level to WARN in the benchmark's JVMs, so their output is the benchmark's progress, not
 * Flink's and Kafka's INFO lines; warnings every local run gives and that need no action go down to ERROR (the list
 * of {@code local}'s {@code QuietLogging}). A {@code -Dorg.slf4j.simpleLogger...} given on the command line wins.
 */
final class QuietLogging {

    private static final String[] KNOWN_NOISE = {
        "org.apache.flink.runtime.util.HadoopUtils",
        "org.apache.hadoop.util.NativeCodeLoader",
        "org.apache.flink.runtime.security.token.DefaultDelegationTokenManager",
        "org.apache.flink.runtime.webmonitor.WebMonitorUtils",
        "org.apache.flink.metrics.MetricGroup",
        "org.apache.kafka.controller.QuorumController",
        "org.apache.flink.runtime.metrics.util.MetricUtils",
        "org.apache.flink.runtime.checkpoint.CheckpointFailureManager",
        "org.apache.kafka.clients.NetworkClient",
        // "Skip setting up checkpointing for a job with dynamic graph": every batch run
        "org.apache.flink.runtime.jobmaster.JobMaster",
    };

    private QuietLogging() {}

    static void apply() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        for (String knownNoise : KNOWN_NOISE) {
            setIfAbsent("org.slf4j.simpleLogger.log." + knownNoise, "error");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
