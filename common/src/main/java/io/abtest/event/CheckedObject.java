package io.abtest.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Typed reads from a JSON object that {@link EventSchema} has already accepted, so every read here is safe: required
 * fields exist with the right type, optional ones are absent, null or well-typed.
 */
final class CheckedObject {

    private final JsonNode object;

    CheckedObject(JsonNode object) {
        this.object = object;
    }

    String text(String name) {
        JsonNode value = object.get(name);
        return EventSchema.isPresent(value) ? value.textValue() : null;
    }

    long epochMillis(String name) {
        return object.get(name).longValue();
    }

    double number(String name) {
        return object.get(name).doubleValue();
    }

    Double optionalNumber(String name) {
        JsonNode value = object.get(name);
        return EventSchema.isPresent(value) ? value.doubleValue() : null;
    }

    boolean flag(String name, boolean whenAbsent) {
        JsonNode value = object.get(name);
        return EventSchema.isPresent(value) ? value.booleanValue() : whenAbsent;
    }

    Map<String, String> textMap(String name) {
        Map<String, String> map = new HashMap<>();
        forEachEntry(name, (key, value) -> map.put(key, value.textValue()));
        return map;
    }

    Map<String, Double> numberMap(String name) {
        Map<String, Double> map = new HashMap<>();
        forEachEntry(name, (key, value) -> map.put(key, value.doubleValue()));
        return map;
    }

    private void forEachEntry(String name, BiConsumer<String, JsonNode> action) {
        JsonNode value = object.get(name);
        if (!EventSchema.isPresent(value)) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = value.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            action.accept(entry.getKey(), entry.getValue());
        }
    }
}
