package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole streaming job, from a real KRaft broker, over synthetic traffic twice: once alone, once behind the
 * {@link PoisonRecords} catalogue, which is published first into every partition of both topics (a month-ahead time
 * heads each partition), with a latency fault so that guardrails breach and stop the experiment. Restarts are disabled, so any exception an input causes fails the run. The poisoned run
 * must finish, dead-letter each poison record exactly once with its reason, dead-letter no traffic record as late
 * (its watermarks were not moved), and write the same results, aggregates, operational, guardrail and decision rows
 * as the clean run, read back with DuckDB.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PoisonRecordsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final Path EXPERIMENT = AnalysisJobITCase.EXPERIMENT;

    /** Datasets compared whole between the runs, each ordered by every column. */
    static final List<String> COMPARED = List.of("results", "aggregates", "operational", "guardrails", "decisions");

    @TempDir
    static Path work;

    static List<PoisonRecord> poison;
    static Path clean;
    static Path poisoned;

    @BeforeAll
    static void runCleanAndPoisoned() throws Exception {
        SyntheticOptions options = SyntheticOptions.builder().units(3_000).lift("challenger", 0.3).shadowRate(0.2)
                .lateFraction(0).duration(Duration.ofHours(1)).latencyFault(AnalysisJobITCase.LATENCY_FAULT).build();
        SyntheticTraffic traffic = SyntheticTraffic.generate(
                ExperimentCatalog.load(EXPERIMENT).config("ranker-v2"), options);
        poison = PoisonRecords.catalogue(options.start(), System.currentTimeMillis());
        clean = work.resolve("clean");
        poisoned = work.resolve("poisoned");
        stream(traffic, List.of(), clean);
        stream(traffic, poison, poisoned);
    }

    /** Publishes {@code first}, then the traffic, to a fresh broker and runs the job bounded over it. */
    private static void stream(SyntheticTraffic traffic, List<PoisonRecord> first, Path output) throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic(KafkaTrafficPublisher.PREDICTIONS_TOPIC, 2, Map.of());
            broker.createTopic(KafkaTrafficPublisher.OUTCOMES_TOPIC, 2, Map.of());
            broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
            broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
            publish(broker.bootstrapServers(), first);
            try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                    KafkaTrafficPublisher.PREDICTIONS_TOPIC, KafkaTrafficPublisher.OUTCOMES_TOPIC,
                    KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
                publisher.publish(traffic);
            }
            AnalysisJobOptions options = AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(),
                    "--output", output.toString(), "--bootstrap-servers", broker.bootstrapServers(),
                    "--group-id", "poison-" + output.getFileName(), "--bounded", "true", "--window", "10m",
                    "--checkpoint-interval", "500ms",
                    "--checkpoint-dir", work.resolve("checkpoints-" + output.getFileName()).toUri().toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            Configuration noRestarts = new Configuration();
            noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
            env.configure(noRestarts);
            AnalysisJob.build(env, ExperimentCatalog.load(EXPERIMENT), options);
            JobExecutionResult result = env.execute(AnalysisJob.name(options));
            assertTrue(result.getNetRuntime() > 0);
        }
    }

    /** Value bytes as they are, null key, to the named partition; waits until the broker has them all. */
    private static void publish(String bootstrapServers, List<PoisonRecord> records) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PoisonRecord record : records) {
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), null, record.value())).get();
            }
        }
    }

    @Test
    void eachPoisonRecordIsDeadLetteredOnceWithItsReason() throws Exception {
        Map<String, Integer> added = deadLetterCounts(poisoned);
        deadLetterCounts(clean).forEach((row, count) -> added.merge(row, -count, Integer::sum));
        added.values().removeIf(count -> count == 0);

        Map<String, Integer> expected = new HashMap<>();
        for (PoisonRecord record : poison) {
            if (record.expected() != null) {
                expected.merge(key(record.topic(), record.expected().name(), record.expectedRawText()), 1,
                        Integer::sum);
            }
        }
        List<String> problems = new ArrayList<>();
        for (PoisonRecord record : poison) {
            String key = record.expected() == null ? null
                    : key(record.topic(), record.expected().name(), record.expectedRawText());
            if (key != null && !expected.get(key).equals(added.get(key))) {
                problems.add(record.name() + ": expected " + expected.get(key) + " x " + record.expected()
                        + ", dead-lettered " + added.get(key) + " time(s); rows of its text: "
                        + rowsOf(record.expectedRawText()));
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(expected, added, "dead letters beyond the poison records' own");
    }

    @Test
    void theValidHugeRecordIsNotDeadLettered() throws Exception {
        for (PoisonRecord record : poison) {
            if (record.expected() == null) {
                assertEquals(List.of(), rowsOf(record.expectedRawText()), record.name());
            }
        }
    }

    @Test
    void noTrafficRecordIsLateBehindAFutureRecord() throws Exception {
        List<Map<String, Object>> late = DuckDbDatasets.read(poisoned, "dead_letter", "raw_text").stream()
                .filter(row -> row.get("reason").equals(RejectReason.LATE.name())).toList();
        assertEquals(List.of(), late.stream().map(row -> row.get("raw_text")).toList());
        assertTrue(DuckDbDatasets.read(poisoned, "results", "as_of").size() > 10,
                "windows of the traffic's hour were analysed");
    }

    @Test
    void theTrafficsResultsEqualThoseOfTheCleanRun() throws Exception {
        for (String dataset : COMPARED) {
            List<Map<String, Object>> expected = DuckDbDatasets.read(clean, dataset, "ALL");
            List<Map<String, Object>> actual = DuckDbDatasets.read(poisoned, dataset, "ALL");
            assertFalse(expected.isEmpty(), dataset + " has rows to compare");
            assertEquals(expected.size(), actual.size(), () -> dataset + " rows, clean:\n" + lines(expected)
                    + "\npoisoned:\n" + lines(actual));
            for (int i = 0; i < expected.size(); i++) {
                assertRowEquals(dataset, expected.get(i), actual.get(i));
            }
        }
    }

    /** Equal columns; doubles to 1e-9 relative (the runs merge partial sums in different orders). */
    private static void assertRowEquals(String dataset, Map<String, Object> expected, Map<String, Object> actual) {
        assertEquals(expected.keySet(), actual.keySet(), dataset);
        for (String column : expected.keySet()) {
            Object e = expected.get(column);
            Object a = actual.get(column);
            if (e instanceof Double x && a instanceof Double y && !x.equals(y)) {
                assertEquals(x, y, 1e-9 * Math.max(Math.abs(x), Math.abs(y)), dataset + "." + column + " in " + expected);
            } else {
                assertEquals(e, a, dataset + "." + column + " in " + expected);
            }
        }
    }

    private static String lines(List<Map<String, Object>> rows) {
        return String.join("\n", rows.stream().map(Object::toString).toList());
    }

    private static Map<String, Integer> deadLetterCounts(Path output) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> row : DuckDbDatasets.read(output, "dead_letter", "raw_text")) {
            counts.merge(key((String) row.get("source"), (String) row.get("reason"), (String) row.get("raw_text")), 1,
                    Integer::sum);
        }
        return counts;
    }

    private static List<String> rowsOf(String rawText) throws Exception {
        return DuckDbDatasets.read(poisoned, "dead_letter", "raw_text").stream()
                .filter(row -> row.get("raw_text").equals(rawText))
                .map(row -> row.get("source") + " " + row.get("reason") + " " + row.get("field") + ": "
                        + row.get("detail"))
                .toList();
    }

    private static String key(String source, String reason, String rawText) {
        return source + "|" + reason + "|" + rawText;
    }
}
