package io.abtest.local;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import io.abtest.jobs.synthetic.SyntheticRecord;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes generated traffic in real time, as serving code would: each record is sent when the wall clock reaches
 * its event time (records come in event-time order), so the job's watermark follows the wall clock. Keys and topics
 * as {@link io.abtest.jobs.synthetic.KafkaTrafficPublisher}; the producer lingers 1 ms instead of 20 so that records
 * leave at once. Keeps how far behind its event time each record left (the publishing lag).
 */
final class AlertLatencyPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    /** Publishing lag histogram, 1 ms buckets, the last one for 1 s and more. */
    private final long[] lagMs = new long[1001];
    private volatile long published;
    private volatile boolean stopped;

    AlertLatencyPublisher(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 1,
                ProducerConfig.CLIENT_ID_CONFIG, "abtest-alert-latency-traffic"),
                new StringSerializer(), new StringSerializer());
    }

    /** Sends every record at its event time; returns when all are sent and acknowledged, or on {@link #stop}. */
    void publish(SyntheticTraffic traffic) throws InterruptedException {
        for (SyntheticRecord record : traffic) {
            if (stopped || failure.get() != null) {
                break;
            }
            long wait = record.eventTime() - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
            String topic = record.kind() == EventKind.PREDICTION ? KafkaEventSources.PREDICTIONS_TOPIC
                    : KafkaEventSources.OUTCOMES_TOPIC;
            producer.send(new ProducerRecord<>(topic, record.unitId(), record.json()), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
            });
            long lag = Math.max(0, System.currentTimeMillis() - record.eventTime());
            synchronized (lagMs) {
                lagMs[(int) Math.min(lag, lagMs.length - 1)]++;
            }
            published++;
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed after " + published + " records", failure.get());
        }
    }

    void stop() {
        stopped = true;
    }

    long published() {
        return published;
    }

    /** The nearest-rank percentile of the publishing lag in ms (1000 means 1 s or more). */
    long lagPercentileMs(double p) {
        synchronized (lagMs) {
            long total = 0;
            for (long count : lagMs) {
                total += count;
            }
            long rank = (long) Math.ceil(p / 100 * total);
            long seen = 0;
            for (int ms = 0; ms < lagMs.length; ms++) {
                seen += lagMs[ms];
                if (seen >= Math.max(1, rank)) {
                    return ms;
                }
            }
            return 0;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
