package io.abtest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Edits of a valid event's JSON text, done on the Jackson tree so that each test row shows only its change. */
final class JsonEdits {

    private JsonEdits() {}

    /** {@code json} without the top-level field {@code name}. */
    static String without(String json, String name) {
        ObjectNode object = object(json);
        object.remove(name);
        return object.toString();
    }

    /** {@code json} with the field at {@code path} ({@code a} or {@code a.b}) set to the JSON literal {@code value}. */
    static String with(String json, String path, String value) {
        ObjectNode object = object(json);
        int dot = path.indexOf('.');
        ObjectNode parent = dot < 0 ? object : (ObjectNode) object.get(path.substring(0, dot));
        parent.set(path.substring(dot + 1), tree(value));
        return object.toString();
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) tree(json);
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.reader().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
