package io.abtest.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka cluster (KRaft, broker and controller in one server) running inside the
 * calling JVM, so integration tests and the embedded demo use the actual wire protocol without Docker.
 *
 * <p>It follows the steps of the Kafka quickstart (https://kafka.apache.org/quickstart, "Start the
 * Kafka environment"): format the log directory with {@code kafka-storage format} (here
 * {@link StorageTool#execute}), then start the server ({@link KafkaRaftServer}, what {@code kafka.Kafka}
 * runs for a KRaft configuration). Both listeners bind to 127.0.0.1 on ports the OS reported free a
 * moment earlier; another process could take one in between, in which case {@link #start()} fails
 * rather than retrying. Internal topics use replication factor 1, and the consumer group coordinator
 * skips its initial rebalance delay so group tests do not wait 3 s. Topic auto-creation stays at
 * Kafka's default (enabled), as on a production broker, so a client that relies on it by accident
 * is caught by tests that create topics explicitly.
 *
 * <p>{@link #restart(Duration)} stops the server and starts a new one on the same ports and log directory, as a
 * broker restarted by its supervisor: committed records, topics and consumer group offsets survive it.
 *
 * <p>The log directory is a fresh temporary directory deleted by {@link #close()}. Kafka's INFO
 * logging (hundreds of lines per start) is lowered to WARN through slf4j-simple's system properties,
 * unless the caller has already set them.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    static {
        quietLogger("kafka");
        quietLogger("org.apache.kafka");
        quietLogger("state.change.logger");
    }

    private final Path directory;
    private final Properties serverProperties;
    private final String bootstrapServers;
    private KafkaRaftServer server;
    private final Admin admin;
    private boolean closed;

    private EmbeddedKafkaBroker(Path directory, Properties serverProperties, String bootstrapServers,
            KafkaRaftServer server, Admin admin) {
        this.directory = directory;
        this.serverProperties = serverProperties;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
        this.admin = admin;
    }

    /** Formats a new log directory, starts the server and returns once it answers admin requests. */
    public static EmbeddedKafkaBroker start() {
        Path directory = createTemporaryDirectory();
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties serverProperties = serverProperties(directory.resolve("logs"), brokerPort, controllerPort);
            format(serverProperties, directory.resolve("server.properties"));
            KafkaRaftServer server = startServer(serverProperties);
            String bootstrapServers = "127.0.0.1:" + brokerPort;
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
            EmbeddedKafkaBroker broker =
                    new EmbeddedKafkaBroker(directory, serverProperties, bootstrapServers, server, admin);
            broker.awaitOneNode();
            return broker;
        } catch (RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
    }

    /**
     * Stops the server (a controlled shutdown: the log is flushed, clients see their connections close), stays down
     * for {@code downtime}, then starts a new server on the same ports and log directory, without formatting it, and
     * returns once it answers admin requests again. Clients of the old server reconnect by themselves.
     */
    public synchronized void restart(Duration downtime) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the broker is closed");
        }
        server.shutdown();
        server.awaitShutdown();
        Thread.sleep(downtime.toMillis());
        server = startServer(serverProperties);
        awaitOneNode();
    }

    /** The {@code bootstrap.servers} value for clients, {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates a topic with replication factor 1 and waits for the controller to accept it.
     *
     * @param configs topic-level configuration, e.g. {@code cleanup.policy=compact}
     */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        awaitAdmin(admin.createTopics(List.of(topic)).all(), "create topic " + name);
    }

    /**
     * Every record of a topic up to the end offsets it has now, key and value as UTF-8 text, in offset order per
     * partition. The partitions are assigned (no consumer group, so no rebalance to wait for) and read from the
     * beginning until each reaches its end offset.
     *
     * @throws IllegalStateException when the topic cannot be read to its end within a minute
     */
    public List<ConsumerRecord<String, String>> records(String topic) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end offsets " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Stops the server, waits for it to finish and deletes its log directory; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            admin.close(Duration.ofSeconds(5));
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteRecursively(directory);
        }
    }

    private static KafkaRaftServer startServer(Properties serverProperties) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(serverProperties, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    private void awaitOneNode() {
        int nodes = awaitAdmin(admin.describeCluster().nodes(), "describe cluster").size();
        if (nodes != 1) {
            throw new IllegalStateException("expected 1 broker, the cluster reports " + nodes);
        }
    }

    private static <T> T awaitAdmin(org.apache.kafka.common.KafkaFuture<T> future, String what) {
        try {
            return future.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("embedded Kafka could not " + what, e);
        }
    }

    private static Properties serverProperties(Path logDirectory, int brokerPort, int controllerPort) {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty("listeners",
                "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
        properties.setProperty("log.dirs", logDirectory.toString());
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "1");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("transaction.state.log.num.partitions", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        return properties;
    }

    private static void format(Properties serverProperties, Path propertiesFile) {
        try (OutputStream out = Files.newOutputStream(propertiesFile)) {
            serverProperties.store(out, "embedded Kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(new String[] {
                "format", "--config", propertiesFile.toString(), "--cluster-id", Uuid.randomUuid().toString()
            }, printStream);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format exited with " + exitCode + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTemporaryDirectory() {
        try {
            return Files.createTempDirectory("abtest-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void quietLogger(String name) {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }
}
