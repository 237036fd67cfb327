package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The streaming inputs: {@code ab.predictions} and {@code ab.outcomes} through Flink's KafkaSource. Offsets are
 * committed to the consumer group on checkpoints (for monitoring lag; recovery uses the checkpointed offsets). A
 * bounded source stops at the offsets that are the latest when the job starts: the embedded run and tests use it
 * to process what was published, then finish. Records are parsed and validated in the deserializer
 * ({@link InputRecordDeserializer}), before the per-partition watermark generator sees their timestamps: a record
 * rejected there (a {@code FUTURE_EVENT_TIME} among them) never moves its partition's watermark.
 */
public final class KafkaEventSources {

    public static final String PREDICTIONS_TOPIC = "ab.predictions";
    public static final String OUTCOMES_TOPIC = "ab.outcomes";

    private KafkaEventSources() {}

    /** Both topics as one stream of parsed records, with watermarks generated per partition. */
    public static DataStream<InputRecord> read(StreamExecutionEnvironment env, ExperimentCatalog catalog,
            String bootstrapServers, String groupId, boolean bounded, MaxEventTimeSkew skew,
            WatermarkStrategy<InputRecord> watermarks) {
        return env.fromSource(
                        source(catalog, bootstrapServers, groupId, PREDICTIONS_TOPIC, EventKind.PREDICTION, bounded, skew),
                        watermarks, "Kafka " + PREDICTIONS_TOPIC)
                .uid("source-" + PREDICTIONS_TOPIC)
                .union(env.fromSource(
                                source(catalog, bootstrapServers, groupId, OUTCOMES_TOPIC, EventKind.OUTCOME, bounded, skew),
                                watermarks, "Kafka " + OUTCOMES_TOPIC)
                        .uid("source-" + OUTCOMES_TOPIC));
    }

    private static KafkaSource<InputRecord> source(ExperimentCatalog catalog, String bootstrapServers, String groupId,
            String topic, EventKind kind, boolean bounded, MaxEventTimeSkew skew) {
        var builder = KafkaSource.<InputRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setClientIdPrefix(groupId + "-" + topic)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new InputRecordDeserializer(kind, catalog, skew));
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
