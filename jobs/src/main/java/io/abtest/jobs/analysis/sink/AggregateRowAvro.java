package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.AggregateRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The {@code aggregates/} columns, and an {@link AggregateRow} as one row of them. */
public final class AggregateRowAvro implements MapFunction<AggregateRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("AggregateRow").namespace("io.abtest.analysis")
            .doc("aggregates/: one row per experiment, variant, metric, segment and event-time window").fields()
            .requiredString("experiment_id")
            .requiredString("variant")
            .requiredString("metric")
            .optionalString("segment")
            .name("window_start").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .name("window_end").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .requiredLong("units")
            .requiredLong("events")
            .requiredLong("unmatched_outcomes")
            .requiredDouble("mean_y")
            .requiredDouble("mean_d")
            .requiredDouble("mean_c")
            .requiredDouble("c_yy")
            .requiredDouble("c_dd")
            .requiredDouble("c_cc")
            .requiredDouble("c_yd")
            .requiredDouble("c_yc")
            .requiredDouble("c_dc")
            .endRecord();

    @Override
    public GenericRecord map(AggregateRow row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("experiment_id", row.experimentId());
        record.put("variant", row.variant());
        record.put("metric", row.metric());
        record.put("segment", row.segment());
        record.put("window_start", row.windowStart());
        record.put("window_end", row.windowEnd());
        record.put("units", row.units());
        record.put("events", row.events());
        record.put("unmatched_outcomes", row.unmatchedOutcomes());
        record.put("mean_y", row.meanY());
        record.put("mean_d", row.meanD());
        record.put("mean_c", row.meanC());
        record.put("c_yy", row.cYY());
        record.put("c_dd", row.cDD());
        record.put("c_cc", row.cCC());
        record.put("c_yd", row.cYD());
        record.put("c_yc", row.cYC());
        record.put("c_dc", row.cDC());
        return record;
    }
}
