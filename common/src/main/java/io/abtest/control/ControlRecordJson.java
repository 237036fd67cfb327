package io.abtest.control;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Reads and writes the JSON value of an {@code ab.control} record (CONTRACT.md section 4):
 * <pre>{"experiment_id": "ranker-v2", "state": "RUNNING", "weights": {"control": 0.9, "challenger": 0.1},
 *  "reason": "ramp step 2", "updated_at": "2025-03-01T12:00:00Z"}</pre>
 *
 * <p>Fields, as {@link #parse} checks them:
 * <ul>
 *   <li>{@code experiment_id}: required, a non-blank string. The Kafka key of the record is the
 *       experiment id too, but only the value is read: a record whose key differs is still applied to
 *       the experiment named in its value (the listener logs the mismatch), because the value is the
 *       part a writer cannot forget to fill.</li>
 *   <li>{@code state}: required, exactly {@code RUNNING}, {@code STOPPED} or {@code ROLLED_OUT}.</li>
 *   <li>{@code weights}: optional (absent or null = empty map), an object of variant name to a
 *       finite number &gt;= 0.</li>
 *   <li>{@code coverage}: optional (absent or null = not set), a number in (0, 1]: the share of eligible
 *       units in the experiment.</li>
 *   <li>{@code reason}: optional string.</li>
 *   <li>{@code updated_at}: required, because routers order records by it. Either an RFC 3339
 *       date-time with an offset (RFC 3339 section 5.6, e.g. {@code 2025-03-01T12:00:00.250Z} or
 *       {@code 2025-03-01T13:00:00+01:00}; {@code t} and {@code z} may be lower case; read with
 *       {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}, which also lets the seconds be left out) or an integral
 *       number of epoch milliseconds.</li>
 * </ul>
 * Unknown fields are ignored, so writers may add fields before readers know them. Duplicate field
 * names are rejected, because which of two {@code state}s wins is not a question to answer silently.
 *
 * <p>{@link #write} emits the fields in the order above ({@code coverage} only when set), weights sorted by variant name, and
 * {@code updated_at} as an RFC 3339 UTC string ({@link DateTimeFormatter#ISO_INSTANT}).
 */
public final class ControlRecordJson {

    /** The field name a {@link Result.Rejected} carries when the value as a whole is wrong (JSONPath root). */
    public static final String WHOLE_VALUE = "$";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toFormatter();

    private ControlRecordJson() {
    }

    /** The outcome of {@link #parse}: a record, a tombstone, or the field that is wrong and why. */
    public sealed interface Result {

        /** A valid record. */
        record Parsed(ControlRecord record) implements Result {
        }

        /**
         * A null Kafka value: compaction's delete marker. It carries no state, so listeners skip it
         * and a router keeps the last state it applied.
         */
        record Tombstone() implements Result {
        }

        /**
         * An invalid value.
         *
         * @param field the JSON field at fault ({@code weights.<variant>} for one weight), or
         *     {@link #WHOLE_VALUE} when the value is not a JSON object
         * @param problem what is wrong with it, for logs
         */
        record Rejected(String field, String problem) implements Result {
        }
    }

    /** Parses a Kafka record value as received by a consumer; {@code null} is a tombstone. Never throws. */
    public static Result parse(byte[] value) {
        if (value == null) {
            return new Result.Tombstone();
        }
        try {
            return parse(MAPPER.readTree(value));
        } catch (JsonProcessingException e) {
            return new Result.Rejected(WHOLE_VALUE, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Result.Rejected(WHOLE_VALUE, "unreadable: " + e.getMessage());
        }
    }

    /** Parses a record value given as text; {@code null} is a tombstone. Never throws. */
    public static Result parse(String value) {
        return parse(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text of a record, for the record value; the writer uses the experiment id as the key. */
    public static String write(ControlRecord record) {
        Objects.requireNonNull(record.experimentId(), "experimentId");
        Objects.requireNonNull(record.state(), "state");
        Objects.requireNonNull(record.updatedAt(), "updatedAt");
        ObjectNode root = MAPPER.createObjectNode();
        root.put("experiment_id", record.experimentId());
        root.put("state", record.state().name());
        ObjectNode weights = root.putObject("weights");
        new TreeMap<>(record.weights()).forEach(weights::put);
        if (record.coverage() != null) {
            root.put("coverage", record.coverage().doubleValue());
        }
        root.put("reason", record.reason());
        root.put("updated_at", DateTimeFormatter.ISO_INSTANT.format(record.updatedAt()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a JSON tree of strings and numbers could not be written", e);
        }
    }

    /** {@link #write} as UTF-8 bytes, the form a Kafka producer with a byte-array serializer sends. */
    public static byte[] writeBytes(ControlRecord record) {
        return write(record).getBytes(StandardCharsets.UTF_8);
    }

    private static Result parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            return new Result.Rejected(WHOLE_VALUE, "must be a JSON object");
        }
        JsonNode experimentId = root.get("experiment_id");
        if (experimentId == null) {
            return missing("experiment_id");
        }
        if (!experimentId.isTextual() || experimentId.asText().isBlank()) {
            return new Result.Rejected("experiment_id", "must be a non-blank string");
        }
        JsonNode state = root.get("state");
        if (state == null) {
            return missing("state");
        }
        if (!state.isTextual()) {
            return new Result.Rejected("state", "must be a string, one of " + Arrays.toString(ControlState.values()));
        }
        ControlState parsedState = stateNamed(state.asText());
        if (parsedState == null) {
            return new Result.Rejected("state", "'" + state.asText() + "' is not one of "
                    + Arrays.toString(ControlState.values()));
        }
        JsonNode reason = root.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            return new Result.Rejected("reason", "must be a string");
        }
        Map<String, Double> weights = new HashMap<>();
        Result.Rejected badWeight = readWeights(root.get("weights"), weights);
        if (badWeight != null) {
            return badWeight;
        }
        JsonNode coverage = root.get("coverage");
        if (coverage != null && !coverage.isNull() && !(coverage.isNumber()
                && coverage.doubleValue() > 0 && coverage.doubleValue() <= 1)) {
            return new Result.Rejected("coverage", "must be a number in (0, 1]");
        }
        JsonNode updatedAt = root.get("updated_at");
        if (updatedAt == null) {
            return missing("updated_at");
        }
        Instant parsedUpdatedAt = instantOf(updatedAt);
        if (parsedUpdatedAt == null) {
            return new Result.Rejected("updated_at",
                    "must be an RFC 3339 date-time with offset (e.g. 2025-03-01T12:00:00Z) or integral epoch milliseconds");
        }
        return new Result.Parsed(new ControlRecord(experimentId.asText(), parsedState, weights,
                coverage == null || coverage.isNull() ? null : coverage.doubleValue(),
                reason == null || reason.isNull() ? null : reason.asText(), parsedUpdatedAt));
    }

    private static Result.Rejected readWeights(JsonNode node, Map<String, Double> into) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            return new Result.Rejected("weights", "must be an object of variant name to weight");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode weight = field.getValue();
            if (!weight.isNumber() || !Double.isFinite(weight.doubleValue()) || weight.doubleValue() < 0) {
                return new Result.Rejected("weights." + field.getKey(), "must be a finite number >= 0");
            }
            into.put(field.getKey(), weight.doubleValue());
        }
        return null;
    }

    private static Result.Rejected missing(String field) {
        return new Result.Rejected(field, "missing");
    }

    private static ControlState stateNamed(String name) {
        for (ControlState state : ControlState.values()) {
            if (state.name().equals(name)) {
                return state;
            }
        }
        return null;
    }

    private static Instant instantOf(JsonNode node) {
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.asText(), RFC_3339).toInstant();
            } catch (DateTimeException e) {
                return null;
            }
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        return null;
    }
}
