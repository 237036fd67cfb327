package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.GroupType;

/**
 * A map column ({@code attributes}, {@code values}) stored as a struct, as pyarrow and pandas write Python dicts: one
 * field per key seen anywhere in the file, so a key a row does not have is a null field, which means the key is
 * absent (not a key with a null value). The row gets the object of the non-null fields, unless there are none (a null
 * struct, or every field null), which leaves the field absent as an empty or null map does. Each field's value is
 * read as a map value is ({@link ParquetColumnShape#entry}), so the validator judges it as the same JSON entry.
 */
final class ParquetStructColumn extends GroupConverter {

    private final Consumer<JsonNode> sink;
    private final Converter[] fields;
    private ObjectNode object;

    /**
     * @param sink where the object goes
     * @param stored the struct as the file stores it
     * @param column the column's name, for errors
     * @param file the file, for errors
     * @throws UnreadableColumnException when a field is not a scalar (a struct nested two deep, a list)
     */
    ParquetStructColumn(Consumer<JsonNode> sink, GroupType stored, String column, String file)
            throws UnreadableColumnException {
        this.sink = sink;
        this.fields = new Converter[stored.getFieldCount()];
        for (int i = 0; i < fields.length; i++) {
            String key = stored.getType(i).getName();
            fields[i] = ParquetColumnShape.entry(stored.getType(i), value -> object.set(key, value),
                    column + "." + key, file);
        }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        return fields[fieldIndex];
    }

    @Override
    public void start() {
        object = JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void end() {
        if (!object.isEmpty()) {
            sink.accept(object);
        }
    }
}
