package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlRecordJson;
import io.abtest.control.ControlState;
import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.testing.BoundedWait;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A router kept current by a {@link ControlTopicListener} on a real KRaft broker's compacted {@code ab.control}. */
class RouterControlTopicITCase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 3, Map.of("cleanup.policy", "compact"));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    private static void publish(String experiment, ControlState state, Map<String, Double> weights, long second) throws Exception {
        ControlRecord record = new ControlRecord(experiment, state, weights, "it", Instant.ofEpochSecond(second));
        producer.send(new ProducerRecord<>(ControlTopicListener.DEFAULT_TOPIC, experiment, ControlRecordJson.writeBytes(record))).get();
    }

    @Test
    void theRouterFollowsTheNewestRecordOfItsExperiment() throws Exception {
        ExperimentRouter router = new ExperimentRouter(Experiments.split("kafka-exp", "salt", 50, 50));
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", broker.bootstrapServers());
        publish("kafka-exp", ControlState.RUNNING, Map.of("control", 90.0, "c1", 10.0), 100);
        Map<Long, Boolean> appliedByTime = new java.util.concurrent.ConcurrentHashMap<>();
        try (ControlTopicListener listener = new ControlTopicListener(consumer,
                record -> appliedByTime.put(record.updatedAt().getEpochSecond(), router.apply(record)))) {
            assertEquals(Assignment.Reason.ASSIGNED, router.assign("user-1", Map.of()).reason(), "before any record is read");
            listener.start();
            BoundedWait.until("the record written before start applies", WAIT,
                    () -> router.lastControlRecord().isPresent());
            assertEquals(100, router.lastControlRecord().orElseThrow().updatedAt().getEpochSecond());

            publish("other-exp", ControlState.STOPPED, Map.of(), 200);
            publish("kafka-exp", ControlState.STOPPED, Map.of(), 150);
            BoundedWait.until("STOPPED applies", WAIT,
                    () -> router.assign("user-1", Map.of()).reason() == Assignment.Reason.STOPPED);

            publish("kafka-exp", ControlState.ROLLED_OUT, Map.of("c1", 1.0), 120);
            publish("kafka-exp", ControlState.ROLLED_OUT, Map.of("c1", 1.0), 160);
            BoundedWait.until("ROLLED_OUT applies", WAIT,
                    () -> router.assign("user-1", Map.of()).reason() == Assignment.Reason.ROLLED_OUT);
            assertEquals(160, router.lastControlRecord().orElseThrow().updatedAt().getEpochSecond());
            assertEquals(Boolean.FALSE, appliedByTime.get(120L), "the older ROLLED_OUT record (t=120) was ignored");
            assertEquals(Boolean.FALSE, appliedByTime.get(200L), "the other experiment's record was ignored");
            assertEquals("c1", router.assign("user-2", Map.of()).variant());
        }
    }
}
