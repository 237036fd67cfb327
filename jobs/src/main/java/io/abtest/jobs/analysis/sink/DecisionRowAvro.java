package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.DecisionRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The {@code decisions/} columns, and a {@link DecisionRow} as one row of them. */
public final class DecisionRowAvro implements MapFunction<DecisionRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("DecisionRow").namespace("io.abtest.analysis")
            .doc("decisions/: one row per experiment decision").fields()
            .requiredString("experiment_id")
            .name("as_of").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .requiredString("decision")
            .optionalString("variant")
            .requiredInt("rule")
            .requiredString("justification")
            .requiredString("action_items")
            .optionalDouble("srm_p_value")
            .endRecord();

    @Override
    public GenericRecord map(DecisionRow row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("experiment_id", row.experimentId());
        record.put("as_of", row.asOf());
        record.put("decision", row.decision());
        record.put("variant", row.variant());
        record.put("rule", row.rule());
        record.put("justification", row.justification());
        record.put("action_items", row.actionItems());
        record.put("srm_p_value", row.srmPValue());
        return record;
    }
}
