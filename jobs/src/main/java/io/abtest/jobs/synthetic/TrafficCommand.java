package io.abtest.jobs.synthetic;

import java.nio.file.Path;

/**
 * What one CLI invocation asks for: which experiment, which traffic, and where it goes (JSON-lines files, or Kafka
 * when {@code bootstrapServers} is set).
 */
record TrafficCommand(
        Path experiment,
        SyntheticOptions options,
        Path predictionsFile,
        Path outcomesFile,
        String bootstrapServers,
        String predictionsTopic,
        String outcomesTopic,
        long progressEvery) {

    boolean toKafka() {
        return bootstrapServers != null;
    }
}
