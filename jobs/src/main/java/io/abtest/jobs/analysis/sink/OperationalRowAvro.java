package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.OperationalRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The {@code operational/} columns, and an {@link OperationalRow} as one row of them. */
public final class OperationalRowAvro implements MapFunction<OperationalRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("OperationalRow").namespace("io.abtest.analysis")
            .doc("operational/: one row per experiment, variant, role (served or shadow) and event-time window")
            .fields()
            .requiredString("experiment_id")
            .requiredString("variant")
            .requiredBoolean("served")
            .name("window_start").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .name("window_end").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .requiredLong("predictions")
            .requiredLong("errors")
            .requiredLong("timeouts")
            .optionalDouble("error_rate")
            .optionalDouble("timeout_rate")
            .optionalDouble("latency_p50")
            .optionalDouble("latency_p95")
            .optionalDouble("latency_p99")
            .optionalDouble("latency_max")
            .requiredLong("shadow_pairs")
            .optionalDouble("mean_score_difference")
            .optionalDouble("label_disagreement_rate")
            .endRecord();

    @Override
    public GenericRecord map(OperationalRow row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("experiment_id", row.experimentId());
        record.put("variant", row.variant());
        record.put("served", row.served());
        record.put("window_start", row.windowStart());
        record.put("window_end", row.windowEnd());
        record.put("predictions", row.predictions());
        record.put("errors", row.errors());
        record.put("timeouts", row.timeouts());
        record.put("error_rate", row.errorRate());
        record.put("timeout_rate", row.timeoutRate());
        record.put("latency_p50", row.latencyP50());
        record.put("latency_p95", row.latencyP95());
        record.put("latency_p99", row.latencyP99());
        record.put("latency_max", row.latencyMax());
        record.put("shadow_pairs", row.shadowPairs());
        record.put("mean_score_difference", row.meanScoreDifference());
        record.put("label_disagreement_rate", row.labelDisagreementRate());
        return record;
    }
}
