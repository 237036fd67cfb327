package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A Parquet input row as the JSON text of the same event, so that one validator judges Kafka records and historical
 * rows alike. The conventions are {@code EventJson}'s: the column names as keys, in column order; null columns and
 * empty maps omitted (the validator reads absent and null alike, so a null required column is {@code MISSING_FIELD});
 * a NaN or infinite double written as a JSON string, which the validator rejects as {@code WRONG_TYPE}. A null map
 * value stays a JSON null, which the validator rejects as {@code WRONG_TYPE} of that entry.
 */
final class ParquetRowJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParquetRowJson() {}

    static String render(GenericRecord row) {
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : row.getSchema().getFields()) {
            Object value = row.get(field.pos());
            if (value instanceof Map<?, ?> map) {
                if (!map.isEmpty()) {
                    ObjectNode entries = object.putObject(field.name());
                    map.forEach((key, entry) -> entries.set(key.toString(), node(entry)));
                }
            } else if (value != null) {
                object.set(field.name(), node(value));
            }
        }
        return object.toString();
    }

    private static JsonNode node(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Long number) {
            return NODES.numberNode(number);
        } else if (value instanceof Integer number) {
            return NODES.numberNode(number);
        } else if (value instanceof Double number) {
            return NODES.numberNode(number);
        } else if (value instanceof Float number) {
            return NODES.numberNode(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        return NODES.textNode(value.toString());
    }
}
