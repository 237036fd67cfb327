package io.abtest.deploy.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticSummary;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/prometheus/prometheus.yml in a real Prometheus, scraping Flink's Prometheus reporter beside a running
 * analysis job: the streaming job (unbounded, parallelism 2) on a mini cluster whose configuration enables the reporter
 * as the FlinkDeployments do, reading synthetic traffic from a real KRaft broker (malformed records, duplicates, and a
 * challenger 150 ms slower for 15 minutes, which opens and then resolves a latency incident). The job's counts are
 * read back from Prometheus' HTTP API under the names the README documents, and must equal the generator's own
 * account of the traffic; the recording rules of abtest-rules.yml must produce series from them.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class PrometheusScrapeITCase {

    private static final int REPORTER_PORT = PrometheusProcess.freePort();
    private static final Duration METRICS_DEADLINE = Duration.ofMinutes(6);
    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";
    private static final int LATER_RECORDS = 10;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(Configuration.fromMap(Map.of(
                    "metrics.reporter.prom.factory.class", PrometheusReporterFactory.class.getName(),
                    "metrics.reporter.prom.port", String.valueOf(REPORTER_PORT))))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void prometheusReadsTheJobsInputCountsAndGuardrailIncidents(@TempDir Path work) throws Exception {
        Path experiment = work.resolve("ranker-v2-it.yaml");
        copyResource("io/abtest/jobs/analysis/ranker-v2-it.yaml", experiment);
        ExperimentCatalog catalog = ExperimentCatalog.load(experiment);
        SyntheticTraffic traffic = SyntheticTraffic.generate(catalog.config("ranker-v2"), SyntheticOptions.builder()
                .units(3_000).lift("challenger", 0.3).lateFraction(0).duration(Duration.ofHours(1))
                .latencyFault(new LatencyFault("challenger", Duration.ofMinutes(20), Duration.ofMinutes(35), 150))
                .build());
        SyntheticSummary expected = traffic.summary();
        assertTrue(expected.deadLettered() > 0 && expected.duplicates() > 0, "the traffic has bad input to count");

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopic("ab.predictions", 2, Map.of());
            broker.createTopic("ab.outcomes", 2, Map.of());
            broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
            broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
            try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                    "ab.predictions", "ab.outcomes", KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
                publisher.publish(traffic);
            }
            AnalysisJobOptions options = AnalysisJobOptions.parse("--experiments", experiment.toString(),
                    "--output", work.resolve("output").toString(), "--bootstrap-servers", broker.bootstrapServers(),
                    "--group-id", "prometheus-it", "--window", "10m", "--checkpoint-interval", "1s",
                    "--checkpoint-dir", work.resolve("checkpoints").toUri().toString());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            AnalysisJob.build(env, catalog, options);
            JobClient job = env.executeAsync(AnalysisJob.name(options));
            try (PrometheusProcess prometheus = PrometheusProcess.start(
                    ScrapeConfig.forTest(work.resolve("prometheus"), REPORTER_PORT), work.resolve("prometheus"))) {
                Scraped scraped = new Scraped(prometheus);

                assertEquals(Map.of(Map.of("instance", "127.0.0.1:" + REPORTER_PORT), 1.0),
                        scraped.await("sum by (instance) (up{job=\"" + ScrapeConfig.STANDALONE_JOB + "\"})",
                                v -> v.containsValue(1.0)));
                assertEquals(total(traffic.size()), scraped.await("sum(" + OPERATOR + "records_in)",
                        v -> v.equals(total(traffic.size()))), "records_in: every record published");
                assertEquals(total(expected.deadLettered()), scraped.await("sum(" + OPERATOR + "dead_lettered)",
                        v -> v.equals(total(expected.deadLettered()))));
                Map<Map<String, String>, Double> byReason = byReason(expected.malformedByReason());
                assertEquals(byReason, scraped.await("sum by (reason) (" + OPERATOR + "reason_dead_lettered) > 0",
                        v -> v.equals(byReason)), "dead_lettered per reason label");
                assertEquals(total(expected.duplicates()), scraped.await("sum(" + OPERATOR + "duplicates)",
                        v -> v.equals(total(expected.duplicates()))));
                assertEquals(total(expected.used()), scraped.await("sum(" + OPERATOR + "records_used)",
                        v -> v.equals(total(expected.used()))), "records_in = used + dead-lettered + duplicates");

                assertEquals(total(1), scraped.await("sum(" + OPERATOR + "guardrail_incidents_opened)",
                        v -> v.equals(total(1))), "the latency fault opens one incident");
                assertEquals(total(1), scraped.await("sum(" + OPERATOR + "guardrail_incidents_resolved)",
                        v -> v.equals(total(1))), "and it resolves once the challenger is fast again");

                // A rate needs an increase between two scrapes: on a quiet machine the job may have read everything
                // before the first one. Ten more records, now that Prometheus holds the totals, make one.
                publishMalformed(broker.bootstrapServers(), LATER_RECORDS);
                assertEquals(total(traffic.size() + LATER_RECORDS), scraped.await("sum(" + OPERATOR + "records_in)",
                        v -> v.equals(total(traffic.size() + LATER_RECORDS))), "records_in: the later records too");
                Map<Map<String, String>, Double> rate = scraped.await("abtest:records_in:rate5m > 0",
                        v -> !v.isEmpty());
                // The reporter writes label values with every character outside [a-zA-Z0-9_:] as '_'.
                assertEquals(Map.of("__name__", "abtest:records_in:rate5m", "job_name", "abtest_analysis__streaming_"),
                        rate.keySet().iterator().next(), "the recording rule, by the job's name: " + rate);
                Map<String, String> malformed = Map.of("reason", RejectReason.MALFORMED_JSON.name());
                assertEquals(java.util.Set.of(malformed), scraped.await(
                        "sum by (reason) (abtest:dead_lettered:rate5m{reason=\"MALFORMED_JSON\"}) > 0",
                        v -> !v.isEmpty()).keySet(), "the dead-letter rate by reason: the later malformed records");
            } finally {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static void publishMalformed(String bootstrapServers, int count) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>("ab.predictions", "later-" + i, "{not json " + i));
            }
        }
    }

    private static Map<Map<String, String>, Double> total(long count) {
        return Map.of(Map.of(), (double) count);
    }

    private static Map<Map<String, String>, Double> byReason(Map<RejectReason, Long> counts) {
        Map<Map<String, String>, Double> byReason = new HashMap<>();
        counts.forEach((reason, count) -> {
            if (count > 0) {
                byReason.put(Map.of("reason", reason.name()), (double) count);
            }
        });
        return byReason;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = PrometheusScrapeITCase.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " (the jobs module's test jar)");
            }
            Files.copy(in, target);
        }
    }

    /** Polls an instant query until its result passes, or the deadline; then returns the last result. */
    private record Scraped(PrometheusProcess prometheus) {

        Map<Map<String, String>, Double> await(String promql, Predicate<Map<Map<String, String>, Double>> done)
                throws Exception {
            long deadline = System.nanoTime() + METRICS_DEADLINE.toNanos();
            Map<Map<String, String>, Double> last = prometheus.query(promql);
            while (!done.test(last) && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                last = prometheus.query(promql);
            }
            if (!done.test(last)) {
                System.out.println("Scraped abtest metrics: " + prometheus.query(
                        "count by (__name__) ({__name__=~\"" + OPERATOR + ".*(records|dead_lettered|duplicates"
                                + "|incidents).*\"})").keySet());
            }
            return last;
        }
    }
}
