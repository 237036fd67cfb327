package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.Type;

/**
 * A Parquet map column ({@code attributes}, {@code values}) as a JSON object, handed to the row unless empty (an
 * empty map and a null one both leave the field absent, as {@code EventJson} writes them). A null map value stays a
 * JSON null, which the validator rejects as {@code WRONG_TYPE} of that entry, as it would in JSON.
 */
final class ParquetMapColumn extends GroupConverter {

    private final Consumer<JsonNode> sink;
    private final GroupConverter entries;
    private ObjectNode map;
    private String key;
    private JsonNode value;

    /**
     * @param sink where the map goes
     * @param valueShape the shape of the map's values
     * @param storedValues the type the file stores them as
     * @param file the file, for errors
     * @throws IOException when the values are stored as a type they are not read from
     */
    ParquetMapColumn(Consumer<JsonNode> sink, ParquetColumnShape valueShape, Type storedValues, String file)
            throws IOException {
        this.sink = sink;
        Converter keys = ParquetValues.text(k -> key = k.textValue());
        Converter values = valueShape.converter(storedValues, v -> value = v, file);
        this.entries = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return fieldIndex == 0 ? keys : values;
            }

            @Override
            public void start() {
                key = null;
                value = NullNode.getInstance();
            }

            @Override
            public void end() {
                if (key != null) {
                    map.set(key, value);
                }
            }
        };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
        return entries;
    }

    @Override
    public void start() {
        map = JsonNodeFactory.instance.objectNode();
    }

    @Override
    public void end() {
        if (!map.isEmpty()) {
            sink.accept(map);
        }
    }
}
