package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * What an event column holds ({@link EventParquetSchemas}), the Parquet types it is read from, and the converter that
 * turns each stored value into the JSON value the validator judges, so the same event gives the same record whatever
 * its shape (a map, a struct, a JSON string, a JSON line). Decided once per file, from its schema; a column stored
 * otherwise fails the file ({@link UnreadableColumnException}): a file with the wrong schema is not a bad record.
 *
 * <ul>
 *   <li>strings: binary (STRING, ENUM, JSON or unannotated), dictionary-encoded or not;
 *   <li>{@code event_time}: int64 or int32 epoch milliseconds, TIMESTAMP(MILLIS, MICROS, NANOS) or int96, as UTC;
 *   <li>numbers: double, float, any integer, decimal (JSON accepts an integer where a number is expected);
 *   <li>{@code attributes}, {@code values}: a map with string keys, a struct (pyarrow's dicts), or a string holding a
 *       JSON object. Map values and struct fields are read as the JSON value of their stored type, whichever map it
 *       is, and judged as JSON entries are: a boolean in {@code values} is {@code WRONG_TYPE} as {@code true} is.
 * </ul>
 */
enum ParquetColumnShape {
    TEXT("a string (binary) column", EnumSet.of(ParquetScalar.TEXT)),
    EPOCH_MILLIS("int64 or int32 epoch milliseconds, or a timestamp (TIMESTAMP with unit MILLIS, MICROS or NANOS, or"
            + " int96)", EnumSet.of(ParquetScalar.INTEGER, ParquetScalar.TIMESTAMP, ParquetScalar.INT96_TIMESTAMP)),
    NUMBER("a double, float, integer or decimal column",
            EnumSet.of(ParquetScalar.FLOATING, ParquetScalar.INTEGER, ParquetScalar.DECIMAL)),
    FLAG("a boolean column", EnumSet.of(ParquetScalar.BOOLEAN)),
    TEXT_MAP("a map<string, string>, a struct of string fields (as pyarrow writes dicts) or a string column holding a"
            + " JSON object", Set.of()),
    NUMBER_MAP("a map<string, double>, a struct of number fields (as pyarrow writes dicts) or a string column holding"
            + " a JSON object", Set.of());

    /** What a map value or a struct field is read from: a scalar, judged by the validator as a JSON entry. */
    private static final Set<ParquetScalar> ENTRY = EnumSet.of(ParquetScalar.TEXT, ParquetScalar.INTEGER,
            ParquetScalar.FLOATING, ParquetScalar.DECIMAL, ParquetScalar.BOOLEAN);
    private static final String ENTRY_READ_FROM = "a map value or struct field is read from a string, integer,"
            + " floating-point, decimal or boolean";

    private final String readFrom;
    private final Set<ParquetScalar> scalars;

    ParquetColumnShape(String readFrom, Set<ParquetScalar> scalars) {
        this.readFrom = readFrom;
        this.scalars = scalars;
    }

    /** The shape of a column of {@link EventParquetSchemas} (every column there is a union with null). */
    static ParquetColumnShape of(Schema.Field field) {
        Schema type = field.schema().getTypes().get(1);
        return switch (type.getType()) {
            case STRING -> TEXT;
            case LONG -> EPOCH_MILLIS;
            case DOUBLE -> NUMBER;
            case BOOLEAN -> FLAG;
            case MAP -> type.getValueType().getTypes().get(1).getType() == Schema.Type.STRING ? TEXT_MAP : NUMBER_MAP;
            default -> throw new IllegalArgumentException("no Parquet shape for " + field);
        };
    }

    /**
     * The converter of a column of this shape stored as {@code stored}, filling {@code row}'s field of the column's
     * name; {@code rowGroups} (the file's) tell a column pyarrow wrote with the null type ({@link ParquetNullColumn}).
     *
     * @throws UnreadableColumnException when the column is stored as a type this shape is not read from
     */
    Converter converter(Type stored, ParquetRow row, String file, List<BlockMetaData> rowGroups)
            throws UnreadableColumnException {
        String column = stored.getName();
        Consumer<JsonNode> sink = value -> row.set(column, value);
        if (stored.isRepetition(Type.Repetition.REPEATED)) {
            throw new UnreadableColumnException(file, column, stored, column + " is read from " + readFrom);
        }
        if (this == TEXT_MAP || this == NUMBER_MAP) {
            if (isMap(stored)) {
                return new ParquetMapColumn(sink, stored.asGroupType().getType(0).asGroupType().getType(1), column,
                        file);
            }
            if (!stored.isPrimitive() && stored.getLogicalTypeAnnotation() == null) {
                return new ParquetStructColumn(sink, stored.asGroupType(), column, file);
            }
            if (stored.isPrimitive() && ParquetScalar.of(stored.asPrimitiveType()) == ParquetScalar.TEXT) {
                return new ParquetJsonTextColumn(row, column);
            }
        } else if (stored.isPrimitive() && scalars.contains(ParquetScalar.of(stored.asPrimitiveType()))) {
            return ParquetScalar.of(stored.asPrimitiveType()).converter(stored.asPrimitiveType(), sink);
        }
        UnreadableColumnException unreadable =
                new UnreadableColumnException(file, column, stored, column + " is read from " + readFrom);
        if (stored.isPrimitive() && ParquetNullColumn.mayBe(stored.asPrimitiveType(), rowGroups)) {
            return new ParquetNullColumn(unreadable);
        }
        throw unreadable;
    }

    /**
     * The converter of a map's values or a struct's field, handing each non-null value to {@code sink} as the JSON
     * value of its stored type.
     *
     * @param column the value's path ({@code attributes.country}), for errors
     * @throws UnreadableColumnException when the value is not a scalar (a list, a struct nested two deep, a date)
     */
    static Converter entry(Type stored, Consumer<JsonNode> sink, String column, String file)
            throws UnreadableColumnException {
        if (!stored.isPrimitive() || stored.isRepetition(Type.Repetition.REPEATED)
                || !ENTRY.contains(ParquetScalar.of(stored.asPrimitiveType()))) {
            throw new UnreadableColumnException(file, column, stored, ENTRY_READ_FROM);
        }
        return ParquetScalar.of(stored.asPrimitiveType()).converter(stored.asPrimitiveType(), sink);
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
