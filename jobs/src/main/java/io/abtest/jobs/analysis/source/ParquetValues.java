package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * The values of one primitive Parquet column as JSON values, handed to a sink (the row, or a map entry): strings as
 * text, int32/int64 as integral numbers, float/double as doubles, booleans as booleans. A null is never handed on, so
 * the field stays absent, which the validator reads as null. Dictionary-encoded strings are decoded once per
 * dictionary (experiment ids, variants, statuses and attribute values repeat on every row).
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
