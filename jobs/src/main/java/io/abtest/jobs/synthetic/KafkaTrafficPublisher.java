package io.abtest.jobs.synthetic;

import io.abtest.jobs.analysis.records.EventKind;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends generated records to Kafka as serving code would: predictions to {@code ab.predictions}, outcomes to
 * {@code ab.outcomes}, key = unit id (so one unit's records share a partition and keep their order), value = the
 * record's text. The Kafka timestamp is the send time, not the event time: old event times as record timestamps
 * would let the broker's time-based retention delete the data at once. The job reads event time from the JSON.
 *
 * <p>The producer is idempotent with {@code acks=all}, so a retried send does not add a duplicate that the summary
 * does not know about.
 */
public final class KafkaTrafficPublisher implements AutoCloseable {

    public static final String PREDICTIONS_TOPIC = "ab.predictions";
    public static final String OUTCOMES_TOPIC = "ab.outcomes";
    public static final long DEFAULT_PROGRESS_EVERY = 100_000;

    private final Producer<String, String> producer;
    private final String predictionsTopic;
    private final String outcomesTopic;
    private final long progressEvery;
    private final PrintStream progress;

    KafkaTrafficPublisher(Producer<String, String> producer, String predictionsTopic, String outcomesTopic,
            long progressEvery, PrintStream progress) {
        if (progressEvery < 1) {
            throw new IllegalArgumentException("progress interval must be >= 1, was " + progressEvery);
        }
        this.producer = producer;
        this.predictionsTopic = predictionsTopic;
        this.outcomesTopic = outcomesTopic;
        this.progressEvery = progressEvery;
        this.progress = progress;
    }

    /**
     * A publisher with its own producer.
     *
     * @param progress where "sent N of M records" lines go every {@code progressEvery} records and at the end
     */
    public static KafkaTrafficPublisher create(String bootstrapServers, String predictionsTopic, String outcomesTopic,
            long progressEvery, PrintStream progress) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "abtest-synthetic-traffic");
        Producer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        return new KafkaTrafficPublisher(producer, predictionsTopic, outcomesTopic, progressEvery, progress);
    }

    /**
     * Sends every record in order and waits until the broker has acknowledged all of them.
     *
     * @return the number of records sent
     * @throws KafkaException when any send failed (the first failure, with the others suppressed)
     */
    public long publish(SyntheticTraffic traffic) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long total = traffic.size();
        long sent = 0;
        for (SyntheticRecord record : traffic) {
            String topic = record.kind() == EventKind.PREDICTION ? predictionsTopic : outcomesTopic;
            producer.send(new ProducerRecord<>(topic, record.unitId(), record.json()), (metadata, exception) -> {
                if (exception != null && !failure.compareAndSet(null, exception)) {
                    failure.get().addSuppressed(exception);
                }
            });
            sent++;
            if (failure.get() != null) {
                break;
            }
            if (sent % progressEvery == 0) {
                progress.printf("sent %d of %d records (%d%%)%n", sent, total, sent * 100 / Math.max(1, total));
            }
        }
        producer.flush();
        if (failure.get() != null) {
            throw new KafkaException("sending synthetic traffic failed after " + sent + " records", failure.get());
        }
        progress.printf("sent %d records: %d to %s, %d to %s%n", sent, traffic.summary().predictionRecords(),
                predictionsTopic, traffic.summary().outcomeRecords(), outcomesTopic);
        return sent;
    }

    @Override
    public void close() {
        producer.close();
    }
}
