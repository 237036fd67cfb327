package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.Type;

/**
 * A Parquet map column ({@code attributes}, {@code values}) as a JSON object, handed to the row unless empty (an
 * empty map and a null one both leave the field absent, as {@code EventJson} writes them). Values are read as JSON
 * values of their stored type ({@link ParquetColumnShape#entry}), whatever the column holds, so the validator judges
 * them as the same JSON entries: a string among {@code values} or a number among {@code attributes} is
 * {@code WRONG_TYPE} of that entry, as it would be in JSON. A null map value stays a JSON null, which the validator
 * rejects the same way.
 */
final class ParquetMapColumn extends GroupConverter {

    private final Consumer<JsonNode> sink;
    private final GroupConverter entries;
    private ObjectNode map;
    private String key;
    private JsonNode value;

    /**
     * @param sink where the map goes
     * @param storedValues the type the file stores the map's values as
     * @param column the column's name, for errors
     * @param file the file, for errors
     * @throws UnreadableColumnException when the values are not scalars
     */
    ParquetMapColumn(Consumer<JsonNode> sink, Type storedValues, String column, String file)
            throws UnreadableColumnException {
        this.sink = sink;
        Converter keys = ParquetValues.text(k -> key = k.textValue());
        Converter values = ParquetColumnShape.entry(storedValues, v -> value = v, column + " (map values)", file);
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
