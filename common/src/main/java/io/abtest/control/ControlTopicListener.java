package io.abtest.control;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps routers current with the compacted control topic (CONTRACT.md section 4): a daemon thread
 * reads every record of every partition from the beginning and hands each valid one to a handler,
 * typically {@code router::apply}.
 *
 * <p>Why no consumer group: every serving instance must see every experiment's newest record, so the
 * listener {@link KafkaConsumer#assign assigns} all partitions itself and
 * {@link KafkaConsumer#seekToBeginning seeks to the beginning} (compaction keeps at least the newest
 * record per key), commits nothing, and a restarted instance rebuilds its state from the topic. The
 * consumer properties are copied and these are overridden: key and value deserializers (string,
 * bytes), {@code enable.auto.commit=false}, {@code auto.offset.reset=earliest},
 * {@code allow.auto.create.topics=false} (a missing topic must be created by its owner as compacted,
 * never implicitly by a reader) and {@code group.id} is removed.
 *
 * <p>Serving code never waits on Kafka: {@link #start()} returns at once. While the topic does not
 * exist the thread looks for it every {@link #PARTITION_DISCOVERY_INTERVAL}; once assigned it looks
 * for added partitions every {@link #PARTITION_REFRESH_INTERVAL} (it never drops one it has).
 * Nothing the topic contains stops the loop: an invalid value is logged and counted in
 * {@link #recordsRejected()}, a handler exception in {@link #handlerFailures()}, a tombstone (null
 * value) in {@link #tombstonesIgnored()}. Errors of the
 * Kafka client itself are logged and retried after {@link #PARTITION_DISCOVERY_INTERVAL}.
 *
 * <p>Records reach the handler in partition order, hence in write order per experiment (the key).
 * The handler runs on the listener thread, so it must be thread-safe against the serving threads
 * that read the router.
 */
public final class ControlTopicListener implements AutoCloseable {

    /** The topic CONTRACT.md section 4 names. */
    public static final String DEFAULT_TOPIC = "ab.control";

    /** How often a listener looks again for a topic that does not exist yet (or after a client error). */
    public static final Duration PARTITION_DISCOVERY_INTERVAL = Duration.ofSeconds(1);

    /** How often a listener that has the topic looks for partitions added to it. */
    public static final Duration PARTITION_REFRESH_INTERVAL = Duration.ofSeconds(30);

    /** How long {@link #close()} waits for the thread to stop. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ControlTopicListener.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Consumer<ControlRecord> handler;
    private final Thread thread;
    private boolean started;
    private boolean closed;
    private final CountDownLatch closing = new CountDownLatch(1);

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong handlerFailures = new AtomicLong();
    private final AtomicLong tombstones = new AtomicLong();
    private volatile boolean caughtUp;

    private Set<TopicPartition> assigned = Set.of();
    private Map<TopicPartition, Long> endOffsetsAtAssignment = Map.of();
    private long nextPartitionCheckNanos;
    private boolean reportedMissingTopic;

    /** A listener on {@link #DEFAULT_TOPIC}. */
    public ControlTopicListener(Properties consumerProperties, Consumer<ControlRecord> handler) {
        this(consumerProperties, DEFAULT_TOPIC, handler);
    }

    /**
     * @param consumerProperties Kafka consumer settings, at least {@code bootstrap.servers}; see the
     *     class comment for the ones the listener overrides
     * @param topic the control topic
     * @param handler receives every valid record, in per-experiment order, on the listener thread
     */
    public ControlTopicListener(Properties consumerProperties, String topic, Consumer<ControlRecord> handler) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.consumer = new KafkaConsumer<>(listenerProperties(consumerProperties));
        this.thread = new Thread(this::run, "control-topic-listener-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts the listener thread and returns immediately. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("listener on " + topic + " is closed");
        }
        if (started) {
            throw new IllegalStateException("listener on " + topic + " already started");
        }
        started = true;
        thread.start();
    }

    /** Valid records the handler accepted without throwing. */
    public long recordsApplied() {
        return applied.get();
    }

    /** Records whose value {@link ControlRecordJson#parse} rejected. */
    public long recordsRejected() {
        return rejected.get();
    }

    /** Valid records on which the handler threw. */
    public long handlerFailures() {
        return handlerFailures.get();
    }

    /** Records with a null value, which carry no state and are skipped. */
    public long tombstonesIgnored() {
        return tombstones.get();
    }

    /**
     * Whether the listener has read every partition up to the end offsets it saw when it assigned
     * them, i.e. the handler has seen the state the topic held at startup; a readiness probe can wait
     * for it. Stays true afterwards.
     */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Stops the thread (waking a blocked poll), waits for it up to {@link #CLOSE_TIMEOUT} and closes
     * the consumer. Idempotent; no handler call starts after it returns unless the thread failed to
     * stop within the timeout, which is logged.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closing.countDown();
        if (!started) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Listener on {} did not stop within {}", topic, CLOSE_TIMEOUT);
        }
    }

    private void run() {
        try {
            while (!isClosing()) {
                try {
                    if (System.nanoTime() - nextPartitionCheckNanos >= 0) {
                        refreshAssignment();
                    }
                    if (assigned.isEmpty()) {
                        sleepUnlessClosing(PARTITION_DISCOVERY_INTERVAL);
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> kafkaRecord : consumer.poll(POLL_TIMEOUT)) {
                        if (isClosing()) {
                            return;
                        }
                        deliver(kafkaRecord);
                    }
                    checkCaughtUp();
                } catch (WakeupException e) {
                    // close() woke the consumer; the loop condition ends the thread
                } catch (RuntimeException e) {
                    LOG.warn("Kafka client error on {}: {}; retrying in {}", topic, e, PARTITION_DISCOVERY_INTERVAL);
                    LOG.debug("Kafka client error on {}", topic, e);
                    sleepUnlessClosing(PARTITION_DISCOVERY_INTERVAL);
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        }
    }

    private void refreshAssignment() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        Set<TopicPartition> found = partitions == null ? Set.of() : partitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .collect(Collectors.toUnmodifiableSet());
        if (found.isEmpty()) {
            if (assigned.isEmpty() && !reportedMissingTopic) {
                reportedMissingTopic = true;
                LOG.info("Topic {} not found; looking again every {}", topic, PARTITION_DISCOVERY_INTERVAL);
            }
            scheduleNextPartitionCheck(PARTITION_DISCOVERY_INTERVAL);
            return;
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        if (!added.isEmpty()) {
            if (assigned.isEmpty()) {
                endOffsetsAtAssignment = consumer.endOffsets(found, METADATA_TIMEOUT);
            }
            Set<TopicPartition> all = new HashSet<>(assigned);
            all.addAll(added);
            consumer.assign(all);
            consumer.seekToBeginning(added);
            assigned = Set.copyOf(all);
            LOG.info("Reading {} from the beginning of partitions {}", topic, added);
        }
        scheduleNextPartitionCheck(PARTITION_REFRESH_INTERVAL);
    }

    private void deliver(ConsumerRecord<String, byte[]> kafkaRecord) {
        ControlRecordJson.Result result = ControlRecordJson.parse(kafkaRecord.value());
        if (result instanceof ControlRecordJson.Result.Parsed parsed) {
            apply(kafkaRecord, parsed.record());
        } else if (result instanceof ControlRecordJson.Result.Rejected rejection) {
            rejected.incrementAndGet();
            LOG.warn("Rejected control record {}-{}@{} (key {}): field {}: {}", kafkaRecord.topic(),
                    kafkaRecord.partition(), kafkaRecord.offset(), kafkaRecord.key(),
                    rejection.field(), rejection.problem());
        } else {
            tombstones.incrementAndGet();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> kafkaRecord, ControlRecord record) {
        if (!record.experimentId().equals(kafkaRecord.key())) {
            LOG.warn("Control record {}-{}@{} has key {} but experiment_id {}; applying it to {}",
                    kafkaRecord.topic(), kafkaRecord.partition(), kafkaRecord.offset(), kafkaRecord.key(),
                    record.experimentId(), record.experimentId());
        }
        try {
            handler.accept(record);
            applied.incrementAndGet();
        } catch (RuntimeException e) {
            handlerFailures.incrementAndGet();
            LOG.error("Handler failed on control record {}-{}@{} for experiment {}", kafkaRecord.topic(),
                    kafkaRecord.partition(), kafkaRecord.offset(), record.experimentId(), e);
        }
    }

    private void checkCaughtUp() {
        if (caughtUp) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : endOffsetsAtAssignment.entrySet()) {
            if (consumer.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
                return;
            }
        }
        caughtUp = true;
        LOG.info("Caught up with {} after {} records", topic, applied.get() + handlerFailures.get()
                + rejected.get() + tombstones.get());
    }

    private void scheduleNextPartitionCheck(Duration after) {
        nextPartitionCheckNanos = System.nanoTime() + after.toNanos();
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void sleepUnlessClosing(Duration duration) {
        try {
            closing.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            LOG.warn("Listener thread on {} interrupted; stopping", topic);
            closing.countDown();
        }
    }

    private static Properties listenerProperties(Properties given) {
        Properties properties = new Properties();
        properties.putAll(given);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return properties;
    }
}
