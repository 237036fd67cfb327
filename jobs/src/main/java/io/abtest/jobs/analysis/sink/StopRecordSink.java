package io.abtest.jobs.analysis.sink;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlRecordJson;
import io.abtest.control.ControlState;
import io.abtest.control.ControlTopicListener;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The automatic stop (CONTRACT.md section 4): each opened incident of a guardrail whose action is stop becomes a
 * STOPPED record on {@code ab.control}, key = experiment id. Its {@code updated_at} is the incident's event time (the
 * end of the window that opened it), so a replay after a restart writes the very same record and a router, which
 * applies only newer records, ignores it. At least once: a duplicate is harmless for that reason.
 */
public final class StopRecordSink {

    public static final String UID = "control-stopped-sink";
    public static final String NAME = ControlTopicListener.DEFAULT_TOPIC + ": STOPPED by guardrails";

    private StopRecordSink() {}

    public static void attach(DataStream<GuardrailIncident> incidents, String bootstrapServers) {
        incidents.filter(GuardrailIncident::stops).name("Opened stop incidents")
                .sinkTo(KafkaSink.<GuardrailIncident>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setRecordSerializer(new StoppedRecord())
                        .build())
                .uid(UID).name(NAME);
    }

    /** The STOPPED record an opened stop incident writes. */
    public static ControlRecord stopped(GuardrailIncident incident) {
        String reason = String.format(Locale.ROOT,
                "guardrail %s breached by %s: %s %s against %s for %d window(s) of %s (incident %s)",
                incident.guardrail(), incident.variant(), incident.metric(), number(incident.observed()),
                number(incident.threshold()), incident.consecutiveBreaches(), incident.window(), incident.incidentId());
        return new ControlRecord(incident.experimentId(), ControlState.STOPPED, Map.of(), reason,
                Instant.ofEpochMilli(incident.openedAt()));
    }

    private static String number(Double x) {
        return x == null ? "-" : String.format(Locale.ROOT, "%.4g", x);
    }

    private static final class StoppedRecord implements KafkaRecordSerializationSchema<GuardrailIncident> {

        private static final long serialVersionUID = 1L;

        @Override
        public ProducerRecord<byte[], byte[]> serialize(GuardrailIncident incident, KafkaSinkContext context,
                Long timestamp) {
            return new ProducerRecord<>(ControlTopicListener.DEFAULT_TOPIC,
                    incident.experimentId().getBytes(StandardCharsets.UTF_8),
                    ControlRecordJson.writeBytes(stopped(incident)));
        }
    }
}
