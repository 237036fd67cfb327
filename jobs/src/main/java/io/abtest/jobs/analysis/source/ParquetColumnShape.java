package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * What an event column holds ({@link EventParquetSchemas}), and the Parquet types it is read from, each with the
 * converter that turns a value into the JSON value the validator judges ({@link ParquetValues}). A column stored
 * otherwise fails the read: a file with the wrong schema is not a bad record.
 *
 * <p>Other physical shapes of the same column (maps written as structs, as pyarrow writes dicts; a map as a JSON
 * string) are further cases of {@link #converter}, each producing the same JSON value.
 */
enum ParquetColumnShape {
    TEXT, INTEGRAL, FLOATING, FLAG, TEXT_MAP, NUMBER_MAP;

    /** The shape of a column of {@link EventParquetSchemas} (every column there is a union with null). */
    static ParquetColumnShape of(Schema.Field field) {
        Schema type = field.schema().getTypes().get(1);
        return switch (type.getType()) {
            case STRING -> TEXT;
            case LONG -> INTEGRAL;
            case DOUBLE -> FLOATING;
            case BOOLEAN -> FLAG;
            case MAP -> type.getValueType().getTypes().get(1).getType() == Schema.Type.STRING ? TEXT_MAP : NUMBER_MAP;
            default -> throw new IllegalArgumentException("no Parquet shape for " + field);
        };
    }

    /**
     * The converter of a column of this shape stored as {@code stored}, handing each non-null value to {@code sink}.
     *
     * @throws IOException when the column is stored as a type this shape is not read from
     */
    Converter converter(Type stored, Consumer<JsonNode> sink, String file) throws IOException {
        if (this == TEXT_MAP || this == NUMBER_MAP) {
            if (isMap(stored)) {
                Type values = stored.asGroupType().getType(0).asGroupType().getType(1);
                return new ParquetMapColumn(sink, this == TEXT_MAP ? TEXT : FLOATING, values, file);
            }
        } else if (stored.isPrimitive() && !stored.isRepetition(Type.Repetition.REPEATED)) {
            PrimitiveTypeName physical = stored.asPrimitiveType().getPrimitiveTypeName();
            ParquetValues values = switch (this) {
                case TEXT -> physical == PrimitiveTypeName.BINARY ? ParquetValues.text(sink) : null;
                case INTEGRAL -> physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.INT32
                        ? ParquetValues.integral(sink) : null;
                case FLOATING -> physical == PrimitiveTypeName.DOUBLE || physical == PrimitiveTypeName.FLOAT
                        ? ParquetValues.floating(sink) : null;
                case FLAG -> physical == PrimitiveTypeName.BOOLEAN ? ParquetValues.flag(sink) : null;
                default -> null;
            };
            if (values != null) {
                return values;
            }
        }
        throw new IOException("column " + stored.getName() + " of " + file + " is stored as " + stored
                + ", which is not read as " + this);
    }

    /** A MAP (or legacy MAP_KEY_VALUE) group of one repeated key/value group with a string key. */
    private static boolean isMap(Type stored) {
        if (stored.isPrimitive()) {
            return false;
        }
        GroupType group = stored.asGroupType();
        LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
        boolean annotated = annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
                || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
        if (!annotated || group.getFieldCount() != 1 || group.getType(0).isPrimitive()) {
            return false;
        }
        GroupType entry = group.getType(0).asGroupType();
        return entry.isRepetition(Type.Repetition.REPEATED) && entry.getFieldCount() == 2
                && entry.getType(0).isPrimitive()
                && entry.getType(0).asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }
}
