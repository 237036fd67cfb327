package io.abtest.jobs.analysis.sink;

import io.abtest.jobs.analysis.records.DeadLetter;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.functions.MapFunction;

/** The {@code dead_letter/} columns, and a {@link DeadLetter} as one row of them. */
public final class DeadLetterAvro implements MapFunction<DeadLetter, GenericRecord> {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = SchemaBuilder.record("DeadLetter").namespace("io.abtest.analysis")
            .doc("dead_letter/: one row per rejected input record").fields()
            .requiredString("source")
            .requiredString("reason")
            .optionalString("field")
            .requiredString("detail")
            .requiredString("raw_text")
            .requiredBoolean("raw_truncated")
            .name("seen_at").type(ParquetColumnTypes.TIMESTAMP_MILLIS).noDefault()
            .endRecord();

    @Override
    public GenericRecord map(DeadLetter row) {
        GenericData.Record record = new GenericData.Record(SCHEMA);
        record.put("source", row.source());
        record.put("reason", row.reason());
        record.put("field", row.field());
        record.put("detail", row.detail());
        record.put("raw_text", row.rawText());
        record.put("raw_truncated", row.rawTruncated());
        record.put("seen_at", row.seenAtMillis());
        return record;
    }
}
