package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/**
 * The values of one primitive Parquet column as JSON values, handed to a sink (the row, a map entry, a struct field):
 * strings as text, integers as integral numbers (unsigned ones beyond a long as big integers, as JSON would parse
 * them), float/double and decimals as doubles, booleans as booleans, timestamps as epoch milliseconds (rounded down).
 * A null is never handed on, so the field stays absent, which the validator reads as null. Dictionary-encoded strings
 * are decoded once per dictionary (experiment ids, variants, statuses and attribute values repeat on every row).
 */
abstract class ParquetValues extends PrimitiveConverter {

    private final Consumer<JsonNode> sink;

    private ParquetValues(Consumer<JsonNode> sink) {
        this.sink = sink;
    }

    final void emit(JsonNode value) {
        sink.accept(value);
    }

    static ParquetValues text(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            private TextNode[] dictionary;

            @Override
            public boolean hasDictionarySupport() {
                return true;
            }

            @Override
            public void setDictionary(Dictionary values) {
                dictionary = new TextNode[values.getMaxId() + 1];
                for (int id = 0; id < dictionary.length; id++) {
                    dictionary[id] = TextNode.valueOf(values.decodeToBinary(id).toStringUsingUTF8());
                }
            }

            @Override
            public void addValueFromDictionary(int id) {
                emit(dictionary[id]);
            }

            @Override
            public void addBinary(Binary value) {
                emit(TextNode.valueOf(value.toStringUsingUTF8()));
            }
        };
    }

    static ParquetValues integral(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            @Override
            public void addLong(long value) {
                emit(LongNode.valueOf(value));
            }

            @Override
            public void addInt(int value) {
                emit(LongNode.valueOf(value));
            }
        };
    }

    /** uint8 to uint64 (pyarrow's unsigned integers): INT(bits, false) on int32 or int64. */
    static ParquetValues unsignedIntegral(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            @Override
            public void addLong(long value) {
                emit(value >= 0 ? LongNode.valueOf(value)
                        : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(value))));
            }

            @Override
            public void addInt(int value) {
                emit(LongNode.valueOf(Integer.toUnsignedLong(value)));
            }
        };
    }

    /** TIMESTAMP(unit) on int64, as epoch milliseconds rounded down. */
    static ParquetValues epochMillis(Consumer<JsonNode> sink, TimeUnit unit) {
        long perMilli = switch (unit) {
            case MILLIS -> 1;
            case MICROS -> 1_000;
            case NANOS -> 1_000_000;
        };
        return new ParquetValues(sink) {
            @Override
            public void addLong(long value) {
                emit(LongNode.valueOf(Math.floorDiv(value, perMilli)));
            }
        };
    }

    /**
     * int96 timestamps: 8 bytes of nanoseconds within the day then 4 bytes of Julian day, little-endian (the layout
     * Impala defined and Spark and pyarrow's {@code use_deprecated_int96_timestamps} write).
     */
    static ParquetValues int96EpochMillis(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            @Override
            public void addBinary(Binary value) {
                ByteBuffer bytes = value.toByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
                long nanosOfDay = bytes.getLong(0);
                long julianDay = Integer.toUnsignedLong(bytes.getInt(8));
                emit(LongNode.valueOf((julianDay - JULIAN_DAY_OF_EPOCH) * MILLIS_PER_DAY
                        + Math.floorDiv(nanosOfDay, 1_000_000L)));
            }
        };
    }

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** DECIMAL(precision, scale): the unscaled integer (int32, int64, or big-endian two's complement bytes). */
    static ParquetValues decimal(Consumer<JsonNode> sink, int scale) {
        return new ParquetValues(sink) {
            @Override
            public void addInt(int value) {
                emit(DoubleNode.valueOf(BigDecimal.valueOf(value, scale).doubleValue()));
            }

            @Override
            public void addLong(long value) {
                emit(DoubleNode.valueOf(BigDecimal.valueOf(value, scale).doubleValue()));
            }

            @Override
            public void addBinary(Binary value) {
                emit(DoubleNode.valueOf(new BigDecimal(new BigInteger(value.getBytes()), scale).doubleValue()));
            }
        };
    }

    static ParquetValues floating(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            @Override
            public void addDouble(double value) {
                emit(DoubleNode.valueOf(value));
            }

            @Override
            public void addFloat(float value) {
                emit(DoubleNode.valueOf(value));
            }
        };
    }

    static ParquetValues flag(Consumer<JsonNode> sink) {
        return new ParquetValues(sink) {
            @Override
            public void addBoolean(boolean value) {
                emit(BooleanNode.valueOf(value));
            }
        };
    }
}
