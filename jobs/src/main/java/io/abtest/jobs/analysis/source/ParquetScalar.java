package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Consumer;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * What a primitive Parquet column holds, from its physical type and logical annotation, as the writers of event
 * tables store it (pyarrow, pandas, Spark, parquet-avro), each with the converter to the JSON value the validator
 * judges ({@link ParquetValues}). Columns of other kinds (dates, times, intervals, UUIDs, fixed-length bytes) are
 * {@link #OTHER}: no event field is read from them.
 */
enum ParquetScalar {
    /** Binary, unannotated or annotated STRING, ENUM or JSON (the text of the value, not parsed). */
    TEXT,
    /** int32/int64, unannotated or INT(bits, signed or not): pandas' and pyarrow's integers. */
    INTEGER,
    /** float or double. */
    FLOATING,
    /** DECIMAL(precision, scale) on int32, int64, binary or fixed-length bytes (SQL engines, Spark). */
    DECIMAL,
    BOOLEAN,
    /** int64 TIMESTAMP(MILLIS, MICROS or NANOS), UTC-adjusted or not (pandas' tz-naive datetimes are not). */
    TIMESTAMP,
    /** int96: the legacy Impala/Spark timestamp (nanoseconds of the day, then the Julian day). */
    INT96_TIMESTAMP,
    OTHER;

    static ParquetScalar of(PrimitiveType type) {
        LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
        if (annotation instanceof DecimalLogicalTypeAnnotation) {
            return DECIMAL;
        }
        return switch (type.getPrimitiveTypeName()) {
            case BINARY -> annotation == null || annotation.equals(LogicalTypeAnnotation.stringType())
                    || annotation.equals(LogicalTypeAnnotation.enumType())
                    || annotation.equals(LogicalTypeAnnotation.jsonType()) ? TEXT : OTHER;
            case INT32 -> annotation == null || annotation instanceof IntLogicalTypeAnnotation ? INTEGER : OTHER;
            case INT64 -> annotation == null || annotation instanceof IntLogicalTypeAnnotation ? INTEGER
                    : annotation instanceof TimestampLogicalTypeAnnotation ? TIMESTAMP : OTHER;
            case FLOAT, DOUBLE -> FLOATING;
            case BOOLEAN -> BOOLEAN;
            case INT96 -> INT96_TIMESTAMP;
            case FIXED_LEN_BYTE_ARRAY -> OTHER;
        };
    }

    /** The converter of a column of this kind stored as {@code type}; not for {@link #OTHER}. */
    PrimitiveConverter converter(PrimitiveType type, Consumer<JsonNode> sink) {
        return switch (this) {
            case TEXT -> ParquetValues.text(sink);
            case INTEGER -> type.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation integer
                    && !integer.isSigned() ? ParquetValues.unsignedIntegral(sink) : ParquetValues.integral(sink);
            case FLOATING -> ParquetValues.floating(sink);
            case DECIMAL -> ParquetValues.decimal(sink,
                    ((DecimalLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getScale());
            case BOOLEAN -> ParquetValues.flag(sink);
            case TIMESTAMP -> ParquetValues.epochMillis(sink,
                    ((TimestampLogicalTypeAnnotation) type.getLogicalTypeAnnotation()).getUnit());
            case INT96_TIMESTAMP -> ParquetValues.int96EpochMillis(sink);
            case OTHER -> throw new IllegalArgumentException("no event field is read from " + type);
        };
    }
}
