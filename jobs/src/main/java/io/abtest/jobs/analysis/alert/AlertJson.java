package io.abtest.jobs.analysis.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * Writes alerts as Alertmanager reads them: {@code {"labels": {...}, "annotations": {...}, "startsAt": "...",
 * "endsAt": "...", "generatorURL": "..."}}, fields in that order, labels and annotations sorted by name, times in
 * RFC 3339 UTC ({@link DateTimeFormatter#ISO_INSTANT}: {@code 2026-11-27T10:15:00Z}, with a fraction only when the
 * instant has one). An unknown end is written as {@code "endsAt": null}: Alertmanager accepts it and ends the alert
 * after its {@code resolve_timeout} unless it is re-sent.
 */
public final class AlertJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private AlertJson() {}

    /** One alert as a JSON object, UTF-8: the value of an {@code ab.alerts} record. */
    public static byte[] object(Alert alert) {
        return bytes(node(alert));
    }

    /** Alerts as a JSON array, UTF-8: the body of {@code POST /api/v2/alerts}. */
    public static byte[] array(Collection<Alert> alerts) {
        ArrayNode array = MAPPER.createArrayNode();
        alerts.forEach(alert -> array.add(node(alert)));
        return bytes(array);
    }

    static ObjectNode node(Alert alert) {
        ObjectNode node = MAPPER.createObjectNode();
        ObjectNode labels = node.putObject("labels");
        alert.labels().forEach(labels::put);
        ObjectNode annotations = node.putObject("annotations");
        alert.annotations().forEach(annotations::put);
        node.put("startsAt", rfc3339(alert.startsAt()));
        node.put("endsAt", alert.endsAt() == null ? null : rfc3339(alert.endsAt()));
        node.put("generatorURL", alert.generatorUrl());
        return node;
    }

    public static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static byte[] bytes(Object tree) {
        try {
            return MAPPER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
