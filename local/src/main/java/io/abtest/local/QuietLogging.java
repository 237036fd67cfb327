package io.abtest.local;

/**
 * Lowers the log level of slf4j-simple (the jar's logging binding) to WARN, so that a local run prints its own
 * progress rather than thousands of Flink and Kafka INFO lines. A {@code -Dorg.slf4j.simpleLogger...} given on the
 * command line wins.
 */
final class QuietLogging {

    /**
     * Warnings a local run always gives and that need no action: no Hadoop setup, no log file, long operator names,
     * the checkpoint declined by a bounded source as it finishes, the embedded broker's clients closing twice. A
     * checkpoint failure that matters still shows: it fails the job (no failed checkpoint is tolerated by default).
     */
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
    };

    private QuietLogging() {}

    static void apply() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
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
