package io.abtest.deploy.fault;

import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.PoisonRecord;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The events every fault-tolerance run reads: {@code AnalysisJobITCase}'s seeded synthetic traffic (3,000 units over one
 * hour of event time, a 30% conversion lift, shadow predictions, 1% malformed records, 1% duplicates, 3% of units
 * switched between variants), whose challenger serves 150 ms slower from minute 20 to 35: the latency guardrail
 * (p99, 5-minute windows, 2 breaches in a row) opens exactly one incident and resolves it. The job analyses it in
 * 10-minute windows, six analysis points.
 */
final class FaultTraffic {

    static final Path EXPERIMENT = resource("ranker-v2-fault.yaml");
    /** The same experiment with one metric added, for the upgrade. */
    static final Path UPGRADED_EXPERIMENT = resource("ranker-v2-fault-upgraded.yaml");
    static final String ADDED_METRIC = "errors";

    static final String PREDICTIONS = KafkaTrafficPublisher.PREDICTIONS_TOPIC;
    static final String OUTCOMES = KafkaTrafficPublisher.OUTCOMES_TOPIC;
    static final String CONTROL = "ab.control";
    static final String ALERTS = "ab.alerts";

    static final LatencyFault LATENCY_FAULT =
            new LatencyFault("challenger", Duration.ofMinutes(20), Duration.ofMinutes(35), 150);

    static final SyntheticTraffic TRAFFIC = SyntheticTraffic.generate(
            ExperimentCatalog.load(EXPERIMENT).config("ranker-v2"),
            SyntheticOptions.builder()
                    .units(3_000).lift("challenger", 0.3).shadowRate(0.2).lateFraction(0).duration(Duration.ofHours(1))
                    .latencyFault(LATENCY_FAULT).switchedUnitFraction(0.03)
                    .build());

    private FaultTraffic() {}

    /** Creates the job's topics on {@code broker} (2 partitions per input topic) and publishes the traffic. */
    static void publish(EmbeddedKafkaBroker broker) throws Exception {
        publish(broker, List.of());
    }

    /** Like {@link #publish(EmbeddedKafkaBroker)}, the {@code poison} records first, each to its partition. */
    static void publish(EmbeddedKafkaBroker broker, List<PoisonRecord> poison) throws Exception {
        broker.createTopic(PREDICTIONS, 2, Map.of());
        broker.createTopic(OUTCOMES, 2, Map.of());
        broker.createTopic(CONTROL, 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(ALERTS, 1, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (PoisonRecord record : poison) {
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), null, record.value())).get();
            }
        }
        try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(), PREDICTIONS,
                OUTCOMES, KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY, System.out)) {
            publisher.publish(TRAFFIC);
        }
    }

    /** Bytes of the records' values, what a consumer's byte-rate quota counts (roughly: it counts whole batches). */
    static long valueBytes() {
        return TRAFFIC.records().mapToLong(record -> record.json().length()).sum();
    }

    private static Path resource(String name) {
        try {
            return Path.of(FaultTraffic.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
