package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AlertSinks} in a streaming job on a Flink mini cluster, incidents read from a real KRaft broker, alerts
 * written to a Kafka topic and posted to a real Prometheus Alertmanager ({@link AlertmanagerProcess}, a child
 * process on 127.0.0.1) that notifies a webhook receiver in this JVM. Firing alerts are re-sent every 2 s (leased for
 * 8 s); Alertmanager notifies after 1 s of grouping and never repeats within an hour, so every extra firing
 * notification is an alert Alertmanager saw end and start again, that is, a second page. The restarted job is
 * watched for longer than a lease, so an alert its restored state failed to re-send would have ended.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AlertSinksITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration RESEND = Duration.ofSeconds(2);
    private static final Duration LEASE = RESEND.multipliedBy(ResendPolicy.LEASE_INTERVALS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AlertTemplate TEMPLATE = new AlertTemplate(GeneratorUrl.of(
            "http://flink.example.com:8081/#/job/running?experiment={experiment_id}"));

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path work;

    private WebhookReceiver webhook;
    private AlertmanagerProcess alertmanager;
    private IncidentTopic incidents;
    private JobClient job;
    private String name;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void startAlertmanager(TestInfo test) throws Exception {
        name = test.getTestMethod().orElseThrow().getName();
        webhook = new WebhookReceiver();
        alertmanager = AlertmanagerProcess.start(work.resolve("alertmanager"), webhook.url());
        broker.createTopic(incidentsTopic(), 1, Map.of());
        broker.createTopic(alertsTopic(), 2, Map.of());
        incidents = new IncidentTopic(broker.bootstrapServers(), incidentsTopic());
    }

    @AfterEach
    void stopAll() throws Exception {
        if (job != null) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        for (AutoCloseable resource : new AutoCloseable[] {incidents, alertmanager, webhook}) {
            if (resource != null) {
                resource.close();
            }
        }
    }

    @Test
    void anIncidentFiresWithTheContractLabelsAndResolvesAfterRecovery() throws Exception {
        GuardrailIncident open = incident("exp-fire", GuardrailIncident.State.OPEN);
        GuardrailIncident resolved = resolution(open);
        job = startJob(false);

        incidents.publish(open);
        JsonNode active = awaitOne(() -> alertmanager.alerts("experiment_id", "exp-fire"));
        assertEquals(JSON.valueToTree(Map.of("alertname", "AbTestGuardrailBreached", "experiment_id", "exp-fire",
                "variant", "challenger", "guardrail", "error-rate", "severity", "critical")), active.get("labels"));
        Alert expected = TEMPLATE.alert(open);
        assertEquals(expected.annotations().get("summary"), active.path("annotations").path("summary").asText());
        assertEquals(expected.annotations().get("description"),
                active.path("annotations").path("description").asText());
        assertEquals(Instant.ofEpochMilli(open.openedAt()), Instant.parse(active.get("startsAt").asText()));
        assertEquals("http://flink.example.com:8081/#/job/running?experiment=exp-fire",
                active.get("generatorURL").asText());
        assertEquals("active", active.path("status").path("state").asText());
        awaitOne(() -> webhook.alerts("experiment_id", "exp-fire", "firing"));

        Thread.sleep(3 * RESEND.toMillis());
        incidents.publish(resolved);
        JsonNode notified = awaitOne(() -> webhook.alerts("experiment_id", "exp-fire", "resolved"));
        assertEquals(Instant.ofEpochMilli(resolved.at()), Instant.parse(notified.get("endsAt").asText()));
        assertEquals(List.of(), alertmanager.alerts("experiment_id", "exp-fire"));
        assertEquals(1, webhook.alerts("experiment_id", "exp-fire", "firing").size());

        assertEquals(List.of(record(open), record(resolved)), distinctAlertRecords(2));
    }

    @Test
    void anAlertmanagerStoppedDuringTheFaultGetsTheAlertOnceItIsBack() throws Exception {
        GuardrailIncident open = incident("exp-down", GuardrailIncident.State.OPEN);
        job = startJob(false);
        alertmanager.stop();

        incidents.publish(open);
        Thread.sleep(3 * RESEND.toMillis());
        alertmanager.start();

        JsonNode active = awaitOne(() -> alertmanager.alerts("experiment_id", "exp-down"));
        assertEquals(Instant.ofEpochMilli(open.openedAt()), Instant.parse(active.get("startsAt").asText()));
        awaitOne(() -> webhook.alerts("experiment_id", "exp-down", "firing"));
        incidents.publish(resolution(open));
        awaitOne(() -> webhook.alerts("experiment_id", "exp-down", "resolved"));
    }

    @Test
    void aReplayedIncidentAndItsKafkaRecordPostedAgainAreOneAlert() throws Exception {
        GuardrailIncident open = incident("exp-replay", GuardrailIncident.State.OPEN);
        job = startJob(false);

        incidents.publish(open);
        incidents.publish(open);
        awaitOne(() -> alertmanager.alerts("experiment_id", "exp-replay"));
        awaitOne(() -> webhook.alerts("experiment_id", "exp-replay", "firing"));
        List<String> kafkaRecord = distinctAlertRecords(1).get(0);
        assertEquals(record(open), kafkaRecord);
        assertEquals(200, alertmanager.post(("[" + kafkaRecord.get(1) + "]").getBytes(StandardCharsets.UTF_8)));
        Thread.sleep(3 * RESEND.toMillis());

        assertEquals(1, alertmanager.alerts("experiment_id", "exp-replay").size());
        assertEquals(1, webhook.alerts("experiment_id", "exp-replay", "firing").size());
    }

    @Test
    void aJobRestartedFromItsCheckpointMidIncidentLeavesOneAlertPerIncident() throws Exception {
        GuardrailIncident open = incident("exp-restart", GuardrailIncident.State.OPEN);
        GuardrailIncident trigger = new GuardrailIncident("exp-trigger", "challenger", "fail-here", "error_rate",
                "exp-trigger/fail-here", GuardrailIncident.State.OPEN, open.openedAt(), open.openedAt(), 0.1, 0.02,
                100, "info", "alert", 1, "PT1M");
        FailOnceOnGuardrail.FAILED.set(false);
        job = startJob(true);

        incidents.publish(open);
        awaitOne(() -> alertmanager.alerts("experiment_id", "exp-restart"));
        int checkpoints = FailOnceOnGuardrail.CHECKPOINTS.get();
        await(() -> FailOnceOnGuardrail.CHECKPOINTS.get() >= checkpoints + 2 ? List.of(true) : List.of());
        incidents.publish(trigger);
        awaitOne(() -> alertmanager.alerts("experiment_id", "exp-trigger"));
        assertTrue(FailOnceOnGuardrail.FAILED.get());
        Thread.sleep(LEASE.plus(RESEND.multipliedBy(2)).toMillis());

        assertEquals(1, alertmanager.alerts("experiment_id", "exp-restart").size());
        assertEquals(1, webhook.alerts("experiment_id", "exp-restart", "firing").size());
        assertEquals(List.of(), webhook.alerts("experiment_id", "exp-restart", "resolved"));
        incidents.publish(resolution(open));
        awaitOne(() -> webhook.alerts("experiment_id", "exp-restart", "resolved"));
        assertEquals(List.of(), alertmanager.alerts("experiment_id", "exp-restart"));
        assertEquals(1, webhook.alerts("experiment_id", "exp-restart", "firing").size());
    }

    /** An incident whose event time is ten minutes behind the wall clock, as a job running on time sees it. */
    private static GuardrailIncident incident(String experiment, GuardrailIncident.State state) {
        long openedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(10)).toEpochMilli();
        return new GuardrailIncident(experiment, "challenger", "error-rate", "error_rate",
                experiment + "/challenger/error-rate/" + openedAt, state, openedAt, openedAt, 0.05, 0.02, 400,
                "critical", "stop", 2, "PT1M");
    }

    private static GuardrailIncident resolution(GuardrailIncident open) {
        return new GuardrailIncident(open.experimentId(), open.variant(), open.guardrail(), open.metric(),
                open.incidentId(), GuardrailIncident.State.RESOLVED, open.openedAt(), open.openedAt() + 300_000, 0.01,
                open.threshold(), 380, open.severity(), open.action(), open.consecutiveBreaches(), open.window());
    }

    private JobClient startJob(boolean failOnce) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        KryoFallback.refuse(env);
        env.enableCheckpointing(300);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(restarts);
        DataStream<GuardrailIncident> stream = IncidentTopic.read(env, broker.bootstrapServers(), incidentsTopic());
        if (failOnce) {
            stream = stream.map(new FailOnceOnGuardrail("fail-here")).name("Fail once").uid("fail-once");
        }
        AlertSinks.attach(stream, new AlertOptions(broker.bootstrapServers(), alertsTopic(),
                List.of(alertmanager.url()), RESEND, GeneratorUrl.of(
                        "http://flink.example.com:8081/#/job/running?experiment={experiment_id}")));
        return env.executeAsync("alerts " + name);
    }

    private String incidentsTopic() {
        return "incidents." + name;
    }

    private String alertsTopic() {
        return "ab.alerts." + name;
    }

    /** An {@code ab.alerts} record as key and value text. */
    private static List<String> record(GuardrailIncident incident) {
        return List.of(AlertKeys.dedupKey(incident), new String(AlertJson.object(TEMPLATE.alert(incident)),
                StandardCharsets.UTF_8));
    }

    /**
     * The alerts topic's records, one per distinct key and value (at least once: a replay may repeat a record),
     * in the order they were first written, once there are {@code expected} of them.
     */
    private List<List<String>> distinctAlertRecords(int expected) throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(alertsTopic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<List<String>> distinct = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (distinct.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    List<String> text = List.of(new String(record.key(), StandardCharsets.UTF_8),
                            new String(record.value(), StandardCharsets.UTF_8));
                    if (!distinct.contains(text)) {
                        distinct.add(text);
                    }
                }
            }
            return distinct;
        }
    }

    private static JsonNode awaitOne(Callable<List<JsonNode>> query) throws Exception {
        List<JsonNode> found = await(query);
        assertEquals(1, found.size(), "expected one alert, got " + found);
        return found.get(0);
    }

    private static <T> List<T> await(Callable<List<T>> query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<T> found = query.call();
        while (found.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing within 60 s");
            }
            Thread.sleep(100);
            found = query.call();
        }
        return found;
    }
}
