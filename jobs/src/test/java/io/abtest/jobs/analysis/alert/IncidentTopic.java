package io.abtest.jobs.analysis.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Guardrail incidents through a Kafka topic, as JSON: how the integration test feeds the alert sinks, so that a job
 * restarted from a checkpoint replays them from the checkpointed offsets as a real job would replay its input.
 */
final class IncidentTopic implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final KafkaProducer<String, String> producer;

    IncidentTopic(String bootstrapServers, String topic) {
        this.topic = topic;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer());
    }

    void publish(GuardrailIncident incident) throws Exception {
        producer.send(new ProducerRecord<>(topic, incident.incidentId(), JSON.writeValueAsString(incident))).get();
    }

    static DataStream<GuardrailIncident> read(StreamExecutionEnvironment env, String bootstrapServers, String topic) {
        KafkaSource<GuardrailIncident> source = KafkaSource.<GuardrailIncident>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId("alert-it-" + topic)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(new IncidentJson()))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Incidents " + topic).uid("incidents");
    }

    @Override
    public void close() {
        producer.close();
    }

    private static final class IncidentJson implements DeserializationSchema<GuardrailIncident> {

        private static final long serialVersionUID = 1L;

        @Override
        public GuardrailIncident deserialize(byte[] message) throws IOException {
            return JSON.readValue(message, GuardrailIncident.class);
        }

        @Override
        public boolean isEndOfStream(GuardrailIncident next) {
            return false;
        }

        @Override
        public TypeInformation<GuardrailIncident> getProducedType() {
            return TypeInformation.of(GuardrailIncident.class);
        }
    }
}
