package io.abtest.jobs.analysis.source;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlRecordJson;
import io.abtest.control.ControlTopicListener;
import io.abtest.jobs.analysis.guardrail.StopSignals;
import io.abtest.jobs.analysis.records.StopSignal;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The control topic ({@code ab.control}, CONTRACT.md section 4) read from the beginning, as {@link StopSignal}s:
 * how the job learns that a person resumed a stopped experiment (RUNNING) or stopped one by hand. Records the
 * router would reject and tombstones are skipped, as the router skips them. Event time is each record's
 * {@code updated_at}; the source goes idle between records, so a quiet topic never holds back the watermark. The
 * topic is subscribed to by name pattern, so a job starts before the topic exists (it is picked up within
 * {@link #DISCOVERY_INTERVAL} once created; deploy/ creates it compacted).
 */
public final class ControlTopicSource {

    public static final String UID = "source-" + ControlTopicListener.DEFAULT_TOPIC;
    static final Duration IDLE_AFTER = Duration.ofSeconds(1);
    static final Duration DISCOVERY_INTERVAL = Duration.ofSeconds(10);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private ControlTopicSource() {}

    /**
     * The control topic's signals; null for a bounded run when the topic does not exist when the job is built (a
     * bounded run reads up to the offsets that are the latest at its start, and a pattern subscription that matches
     * no topic never tells a bounded Kafka source that it has no splits, so it would never finish).
     */
    public static DataStream<StopSignal> signals(StreamExecutionEnvironment env, String bootstrapServers,
            String groupId, boolean bounded) {
        if (bounded && !exists(bootstrapServers)) {
            return null;
        }
        var builder = KafkaSource.<StopSignal>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopicPattern(Pattern.compile(Pattern.quote(ControlTopicListener.DEFAULT_TOPIC)))
                .setGroupId(groupId + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new SignalDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        } else {
            builder.setProperty("partition.discovery.interval.ms", String.valueOf(DISCOVERY_INTERVAL.toMillis()));
        }
        WatermarkStrategy<StopSignal> watermarks = WatermarkStrategy.<StopSignal>forMonotonousTimestamps()
                .withTimestampAssigner((signal, previous) -> signal.at())
                .withIdleness(IDLE_AFTER);
        return env.fromSource(builder.build(), watermarks, "Kafka " + ControlTopicListener.DEFAULT_TOPIC).uid(UID);
    }

    private static boolean exists(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            return admin.listTopics().names().get(METADATA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .contains(ControlTopicListener.DEFAULT_TOPIC);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the topics of " + bootstrapServers, e);
        }
    }

    private static final class SignalDeserializer implements KafkaRecordDeserializationSchema<StopSignal> {

        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<StopSignal> out) {
            if (ControlRecordJson.parse(record.value()) instanceof ControlRecordJson.Result.Parsed parsed) {
                ControlRecord control = parsed.record();
                out.collect(StopSignals.of(control));
            }
        }

        @Override
        public TypeInformation<StopSignal> getProducedType() {
            return TypeInformation.of(StopSignal.class);
        }
    }
}
