package io.abtest.deploy.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.embedded.EmbeddedKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code create-topics.sh} on a broker where topics exist already, as when a client wrote before the script ran and
 * the broker auto-created them: their settings are left alone, and a control topic that is not compacted is refused.
 * (The ordinary path, on an empty broker, is in {@link StandaloneClusterITCase}.)
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CreateTopicsITCase {

    @Test
    void existingTopicsKeepTheirSettingsAndADeletingControlTopicIsRefused() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
                Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            broker.createTopic("ab.predictions", 2, Map.of());
            broker.createTopic("ab.control", 1, Map.of("cleanup.policy", "delete"));

            ScriptResult result = DeployScripts.createTopics(broker.bootstrapServers());

            assertEquals(1, result.exitCode(), result.output());
            assertTrue(result.output().contains("ab.control exists without cleanup.policy=compact"), result.output());
            Map<String, TopicDescription> topics = admin.describeTopics(
                    List.of("ab.predictions", "ab.outcomes", "ab.alerts", "ab.control")).allTopicNames().get();
            assertEquals(2, topics.get("ab.predictions").partitions().size(), "an existing topic is left as it is");
            assertEquals(6, topics.get("ab.outcomes").partitions().size(), "a missing one is created");
            assertEquals(1, topics.get("ab.alerts").partitions().size());
        }
    }
}
