package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;

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

    ParquetMapColumn(Consumer<JsonNode> sink, Converter values) {
        this.sink = sink;
        ParquetValues keys = ParquetValues.text(k -> key = k.textValue());
        ((ParquetValues) values).sendTo(v -> value = v);
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
