package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.ResultRow;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * The {@code results/} columns, and a {@link ResultRow} as one row of them. Every number a test may be unable to
 * compute is a nullable column, so a reader sees null (with {@code status} saying why), never a made-up zero.
 */
public final class ResultRowAvro implements MapFunction<ResultRow, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("ResultRow").namespace("io.abtest.analysis")
            .doc("results/: one row per experiment, metric, segment, treatment variant and analysis point").fields()
            .requiredString("experiment_id")
            .name("as_of").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .requiredString("metric")
            .optionalString("segment")
            .requiredString("control_variant")
            .requiredString("treatment_variant")
            .requiredLong("control_n")
            .optionalDouble("control_mean")
            .requiredLong("treatment_n")
            .optionalDouble("treatment_mean")
            .optionalDouble("absolute_effect")
            .optionalDouble("ci_low")
            .optionalDouble("ci_high")
            .optionalDouble("relative_effect")
            .optionalDouble("relative_ci_low")
            .optionalDouble("relative_ci_high")
            .optionalDouble("p_value")
            .optionalDouble("adjusted_p_value")
            .optionalDouble("sequential_p_value")
            .optionalDouble("adjusted_sequential_p_value")
            .optionalDouble("sequential_ci_low")
            .optionalDouble("sequential_ci_high")
            .optionalDouble("sequential_relative_ci_low")
            .optionalDouble("sequential_relative_ci_high")
            .optionalDouble("srm_p_value")
            .requiredLong("multiple_exposure_units")
            .requiredString("status")
            .optionalString("status_detail")
            .endRecord();

    @Override
    public GenericRecord map(ResultRow row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("experiment_id", row.experimentId());
        record.put("as_of", row.asOf());
        record.put("metric", row.metric());
        record.put("segment", row.segment());
        record.put("control_variant", row.controlVariant());
        record.put("treatment_variant", row.treatmentVariant());
        record.put("control_n", row.controlN());
        record.put("control_mean", row.controlMean());
        record.put("treatment_n", row.treatmentN());
        record.put("treatment_mean", row.treatmentMean());
        record.put("absolute_effect", row.absoluteEffect());
        record.put("ci_low", row.ciLow());
        record.put("ci_high", row.ciHigh());
        record.put("relative_effect", row.relativeEffect());
        record.put("relative_ci_low", row.relativeCiLow());
        record.put("relative_ci_high", row.relativeCiHigh());
        record.put("p_value", row.pValue());
        record.put("adjusted_p_value", row.adjustedPValue());
        record.put("sequential_p_value", row.sequentialPValue());
        record.put("adjusted_sequential_p_value", row.adjustedSequentialPValue());
        record.put("sequential_ci_low", row.sequentialCiLow());
        record.put("sequential_ci_high", row.sequentialCiHigh());
        record.put("sequential_relative_ci_low", row.sequentialRelativeCiLow());
        record.put("sequential_relative_ci_high", row.sequentialRelativeCiHigh());
        record.put("srm_p_value", row.srmPValue());
        record.put("multiple_exposure_units", row.multipleExposureUnits());
        record.put("status", row.status());
        record.put("status_detail", row.statusDetail());
        return record;
    }
}
