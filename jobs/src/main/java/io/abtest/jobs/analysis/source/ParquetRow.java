package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One Parquet row as its converters fill it: the JSON object of its event columns the validator judges, and the first
 * column whose text was to be parsed as JSON and is not JSON (a JSON-string {@code attributes} or {@code values}),
 * which no validator check can see in the object.
 */
final class ParquetRow {

    private ObjectNode fields;
    private String malformedColumn;
    private String malformedDetail;

    void start() {
        fields = JsonNodeFactory.instance.objectNode();
        malformedColumn = null;
        malformedDetail = null;
    }

    void set(String column, JsonNode value) {
        fields.set(column, value);
    }

    /** {@code column} holds {@code text}, which is not JSON; the row keeps the text, for its dead letter. */
    void malformed(String column, String text, String detail) {
        fields.put(column, text);
        if (malformedColumn == null) {
            malformedColumn = column;
            malformedDetail = detail;
        }
    }

    ObjectNode fields() {
        return fields;
    }

    /** The first column whose text is not JSON, or null. */
    String malformedColumn() {
        return malformedColumn;
    }

    String malformedDetail() {
        return malformedDetail;
    }
}
