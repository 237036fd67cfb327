package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert outputs of a streaming run (CONTRACT.md section 3), attached to its stream of guardrail incidents:
 * <ul>
 *   <li>Kafka, when {@link AlertOptions#bootstrapServers} is set: one record per incident change on the alerts topic
 *       ({@link AlertRecordSerializer}), at least once. A replay after a failure may write a change again, with the
 *       same key ({@link AlertKeys#dedupKey}) and the same value, so consumers deduplicate and Alertmanager, which
 *       identifies alerts by label set, pages no one twice; exactly once would need Kafka transactions and hold every
 *       alert back until the next checkpoint.</li>
 *   <li>Alertmanager, when {@link AlertOptions#alertmanagers} is not empty: {@link AlertmanagerNotifier}, keyed by
 *       label set.</li>
 * </ul>
 * In batch execution mode nothing is attached: reruns never post alerts.
 */
public final class AlertSinks {

    public static final String KAFKA_UID = "alerts-kafka-sink";
    public static final String KAFKA_NAME = "Alerts to Kafka";

    private static final Logger LOG = LoggerFactory.getLogger(AlertSinks.class);

    private AlertSinks() {}

    public static void attach(DataStream<GuardrailIncident> incidents, AlertOptions options) {
        RuntimeExecutionMode mode = incidents.getExecutionEnvironment().getConfiguration()
                .get(ExecutionOptions.RUNTIME_MODE);
        if (mode == RuntimeExecutionMode.BATCH) {
            LOG.info("Batch execution: no alerts are written or posted");
            return;
        }
        if (options.bootstrapServers() != null) {
            incidents.sinkTo(kafka(options)).uid(KAFKA_UID).name(KAFKA_NAME + " " + options.topic());
        }
        if (!options.alertmanagers().isEmpty()) {
            incidents.keyBy(AlertKeys::labelSetKey)
                    .process(new AlertmanagerNotifier(options.alertmanagers(), options.resendPolicy(),
                            options.template()))
                    .uid(AlertmanagerNotifier.UID).name(AlertmanagerNotifier.NAME);
        }
    }

    static KafkaSink<GuardrailIncident> kafka(AlertOptions options) {
        return KafkaSink.<GuardrailIncident>builder()
                .setBootstrapServers(options.bootstrapServers())
                .setRecordSerializer(new AlertRecordSerializer(options.topic(), options.template()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
