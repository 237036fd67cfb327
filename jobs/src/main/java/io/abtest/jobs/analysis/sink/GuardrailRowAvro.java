package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.GuardrailRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The {@code guardrails/} columns (CONTRACT.md section 2), and a {@link GuardrailRow} as one row of them. */
public final class GuardrailRowAvro implements MapFunction<GuardrailRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("GuardrailRow").namespace("io.abtest.analysis")
            .doc("guardrails/: one row per guardrail window that breached, and one per incident's resolution")
            .fields()
            .requiredString("experiment_id")
            .requiredString("variant")
            .requiredString("guardrail")
            .requiredString("metric")
            .name("window_start").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .name("window_end").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .optionalDouble("observed")
            .optionalDouble("threshold")
            .requiredLong("events")
            .requiredString("severity")
            .requiredString("action")
            .optionalString("incident_id")
            .optionalString("incident_state")
            .endRecord();

    @Override
    public GenericRecord map(GuardrailRow row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("experiment_id", row.experimentId());
        record.put("variant", row.variant());
        record.put("guardrail", row.guardrail());
        record.put("metric", row.metric());
        record.put("window_start", row.windowStart());
        record.put("window_end", row.windowEnd());
        record.put("observed", row.observed());
        record.put("threshold", row.threshold());
        record.put("events", row.events());
        record.put("severity", row.severity());
        record.put("action", row.action());
        record.put("incident_id", row.incidentId());
        record.put("incident_state", row.incidentState());
        return record;
    }
}
