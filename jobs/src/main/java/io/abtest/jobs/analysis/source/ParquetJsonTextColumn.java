package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.abtest.event.EventJson;
import io.abtest.event.RawText;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;

/**
 * A map column ({@code attributes}, {@code values}) stored as a string holding a JSON object, parsed with the
 * settings of a Kafka record ({@link EventJson}) and handed to the row as that object, which the validator then judges
 * entry by entry as it judges the object of a JSON event. A null, empty or blank string, JSON {@code null} and an
 * empty object leave the field absent, as a null or empty map does. Valid JSON that is not an object is handed on as
 * it is (the validator rejects it as {@code WRONG_TYPE}, as in a JSON event); text that is not JSON marks the row
 * {@link ParquetRow#malformed}. A dictionary-encoded column is parsed once per dictionary entry.
 */
final class ParquetJsonTextColumn extends PrimitiveConverter {

    private static final int MAX_MESSAGE_CHARS = 300;

    private final ParquetRow row;
    private final String column;
    private Parsed[] dictionary;

    ParquetJsonTextColumn(ParquetRow row, String column) {
        this.row = row;
        this.column = column;
    }

    @Override
    public boolean hasDictionarySupport() {
        return true;
    }

    @Override
    public void setDictionary(Dictionary values) {
        dictionary = new Parsed[values.getMaxId() + 1];
        for (int id = 0; id < dictionary.length; id++) {
            dictionary[id] = parse(values.decodeToBinary(id).toStringUsingUTF8());
        }
    }

    @Override
    public void addValueFromDictionary(int id) {
        dictionary[id].handTo(row, column);
    }

    @Override
    public void addBinary(Binary value) {
        parse(value.toStringUsingUTF8()).handTo(row, column);
    }

    private static Parsed parse(String text) {
        if (text.isBlank()) {
            return new Parsed(text, null, null);
        }
        try {
            JsonNode node = EventJson.reader().readTree(text);
            return new Parsed(text, node.isObject() && node.isEmpty() ? null : node, null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = RawText.of(String.valueOf(e.getOriginalMessage()), MAX_MESSAGE_CHARS).text();
            return new Parsed(text, null, "the text of this JSON-string column is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + message);
        }
    }

    /** A text's JSON value (null: the field stays absent), or why it is not JSON. */
    private record Parsed(String text, JsonNode value, String malformed) {

        void handTo(ParquetRow row, String column) {
            if (malformed != null) {
                row.malformed(column, text, malformed);
            } else if (value != null) {
                row.set(column, value);
            }
        }
    }
}
