package io.abtest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.testing.BoundedWait;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ControlTopicListener} against a real Kafka broker; each test uses its own topic. */
class ControlTopicListenerITCase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");

    private static EmbeddedKafkaBroker broker;
    private static KafkaProducer<String, String> producer;

    private final List<ControlRecord> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        long startNanos = System.nanoTime();
        broker = EmbeddedKafkaBroker.start();
        System.out.printf("Embedded Kafka broker ready in %d ms%n", (System.nanoTime() - startNanos) / 1_000_000);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        if (producer != null) {
            producer.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void deliversEveryRecordWrittenBeforeStartThenReportsCaughtUp() {
        broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 3, COMPACTED);
        List<ControlRecord> written = new ArrayList<>();
        for (int update = 0; update < 2; update++) {
            for (int experiment = 0; experiment < 6; experiment++) {
                written.add(write(ControlTopicListener.DEFAULT_TOPIC, record("exp-" + experiment, update)));
            }
        }

        try (ControlTopicListener listener = new ControlTopicListener(consumerProperties(), received::add)) {
            assertFalse(listener.caughtUp());
            listener.start();
            BoundedWait.until("the listener has caught up", WAIT, listener::caughtUp);

            assertEquals(12, received.size(), "caughtUp() must come after the handler saw the topic's records");
            assertEquals(byExperiment(written), byExperiment(received));
            assertEquals(12, listener.recordsApplied());
            assertEquals(0, listener.recordsRejected());
            assertEquals(0, listener.handlerFailures());
        }
    }

    @Test
    void deliversLaterRecordsInPerExperimentOrder() {
        String topic = "control.later";
        broker.createTopic(topic, 3, COMPACTED);
        try (ControlTopicListener listener = startedListener(topic, received::add)) {
            BoundedWait.until("the listener has caught up with the empty topic", WAIT, listener::caughtUp);
            List<ControlRecord> written = new ArrayList<>();
            for (int update = 0; update < 10; update++) {
                for (int experiment = 0; experiment < 6; experiment++) {
                    written.add(write(topic, record("exp-" + experiment, update)));
                }
            }

            BoundedWait.until("60 records applied", WAIT, () -> listener.recordsApplied() == 60);
            assertEquals(byExperiment(written), byExperiment(received));
        }
    }

    @Test
    void countsInvalidRecordsAndTombstonesAndKeepsDelivering() {
        String topic = "control.malformed";
        broker.createTopic(topic, 3, COMPACTED);
        try (ControlTopicListener listener = startedListener(topic, received::add)) {
            ControlRecord first = write(topic, record("exp-a", 1));
            send(topic, "exp-a", "{not json");
            send(topic, "exp-a", "{\"experiment_id\":\"exp-a\",\"updated_at\":0}");
            send(topic, "exp-a", null);
            ControlRecord last = write(topic, record("exp-a", 2));

            BoundedWait.until("the record after the bad ones applied", WAIT, () -> listener.recordsApplied() == 2);
            assertEquals(List.of(first, last), received);
            assertEquals(2, listener.recordsRejected());
            assertEquals(1, listener.tombstonesIgnored());
        }
    }

    @Test
    void countsHandlerExceptionsAndKeepsDelivering() {
        String topic = "control.handler-failure";
        broker.createTopic(topic, 1, COMPACTED);
        Consumer<ControlRecord> failingOnBoom = record -> {
            if (record.experimentId().equals("boom")) {
                throw new IllegalStateException("handler refuses " + record.experimentId());
            }
            received.add(record);
        };
        try (ControlTopicListener listener = startedListener(topic, failingOnBoom)) {
            ControlRecord before = write(topic, record("ok", 1));
            write(topic, record("boom", 1));
            ControlRecord after = write(topic, record("ok", 2));

            BoundedWait.until("both good records applied", WAIT, () -> listener.recordsApplied() == 2);
            assertEquals(List.of(before, after), received);
            assertEquals(1, listener.handlerFailures());
        }
    }

    @Test
    void picksUpATopicCreatedAfterStart() throws InterruptedException {
        String topic = "control.created-later";
        try (ControlTopicListener listener = startedListener(topic, received::add)) {
            Thread.sleep(ControlTopicListener.PARTITION_DISCOVERY_INTERVAL.toMillis() * 2);
            assertFalse(listener.caughtUp());

            // Fails with TopicExistsException if the listener's metadata requests auto-created the topic.
            broker.createTopic(topic, 3, COMPACTED);
            ControlRecord record = write(topic, record("exp-late", 1));

            BoundedWait.until("the record in the new topic applied", WAIT, () -> listener.recordsApplied() == 1);
            assertEquals(List.of(record), received);
            assertTrue(listener.caughtUp());
        }
    }

    @Test
    void closeReturnsPromptlyAndStopsDelivery() {
        String topic = "control.close";
        broker.createTopic(topic, 3, COMPACTED);
        ControlTopicListener listener = startedListener(topic, received::add);
        ControlRecord beforeClose = write(topic, record("exp-c", 1));
        BoundedWait.until("the first record applied", WAIT, () -> listener.recordsApplied() == 1);

        long closeStart = System.nanoTime();
        listener.close();
        long closeMillis = (System.nanoTime() - closeStart) / 1_000_000;
        listener.close();

        assertTrue(closeMillis < 2_000, "close() took " + closeMillis + " ms");
        ControlRecord afterClose = write(topic, record("exp-c", 2));
        List<ControlRecord> seenByProbe = new CopyOnWriteArrayList<>();
        try (ControlTopicListener probe = startedListener(topic, seenByProbe::add)) {
            BoundedWait.until("a fresh listener sees both records", WAIT, () -> probe.recordsApplied() == 2);
        }
        assertEquals(List.of(beforeClose, afterClose), seenByProbe);
        assertEquals(List.of(beforeClose), received);
        assertEquals(1, listener.recordsApplied());
    }

    private static ControlTopicListener startedListener(String topic, Consumer<ControlRecord> handler) {
        ControlTopicListener listener = new ControlTopicListener(consumerProperties(), topic, handler);
        listener.start();
        return listener;
    }

    private static Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return properties;
    }

    private static ControlRecord record(String experimentId, int update) {
        double challengerWeight = 0.1 * (update + 1);
        return new ControlRecord(experimentId, ControlState.RUNNING,
                Map.of("control", 1 - challengerWeight, "challenger", challengerWeight), "update " + update,
                Instant.parse("2025-03-01T12:00:00Z").plusSeconds(update));
    }

    private static ControlRecord write(String topic, ControlRecord record) {
        send(topic, record.experimentId(), ControlRecordJson.write(record));
        return record;
    }

    private static void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("could not write to " + topic, e);
        }
    }

    private static Map<String, List<ControlRecord>> byExperiment(List<ControlRecord> records) {
        return records.stream().collect(Collectors.groupingBy(ControlRecord::experimentId, LinkedHashMap::new,
                Collectors.toList()));
    }
}
