package io.abtest.jobs.analysis.sink;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro types whose Parquet form readers should see as more than a number. parquet-avro writes
 * {@code timestamp-millis} as {@code INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true)}, so pyarrow, DuckDB and Spark read
 * an instant, not an epoch count; the converters put the epoch milliseconds in as a {@code long}.
 */
final class ParquetColumnTypes {

    static final Schema TIMESTAMP_MILLIS = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));

    private ParquetColumnTypes() {}
}
