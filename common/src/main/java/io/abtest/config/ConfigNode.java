package io.abtest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A place in a parsed configuration tree: the Jackson node there (a {@link MissingNode} when the key is absent)
 * and its path as problems name it ({@code variants[1].weight}).
 *
 * <p>Every typed read checks the node, reports what is wrong under this path, and then returns null, so the
 * loader walks on and reports every problem of a file in one pass. A YAML key with no value ({@code name:})
 * counts as absent. Required reads report {@value #MISSING}; reads given a default return it when absent.
 */
final class ConfigNode {

    static final String MISSING = "missing required field";
    static final String UNKNOWN = "unknown field";

    private static final int SHOWN_TEXT_LIMIT = 80;

    private final JsonNode node;
    private final String path;
    private final ProblemList problems;

    private ConfigNode(JsonNode node, String path, ProblemList problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
    }

    static ConfigNode root(JsonNode tree, ProblemList problems) {
        return new ConfigNode(tree, "", problems);
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    ConfigNode field(String key) {
        return new ConfigNode(node.get(key), path.isEmpty() ? key : path + "." + key, problems);
    }

    void report(String message) {
        problems.add(path, message);
    }

    /** True when present and a mapping; reports a wrong type, and every key not among {@code knownKeys}. */
    boolean isMappingOf(Set<String> knownKeys) {
        if (!isPresent()) {
            report(MISSING);
            return false;
        }
        if (!node.isObject()) {
            report("must be a mapping, got " + shown());
            return false;
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!knownKeys.contains(key)) {
                field(key).report(UNKNOWN);
            }
        }
        return true;
    }

    /** The entries of a mapping whose keys are data (variant names), in file order; null when not one. */
    Map<String, ConfigNode> entries() {
        if (!isPresent()) {
            report(MISSING);
            return null;
        }
        if (!node.isObject()) {
            report("must be a mapping, got " + shown());
            return null;
        }
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> entries.put(e.getKey(), field(e.getKey())));
        return entries;
    }

    /** A required list; null when missing or not a list. Too few entries are reported, the entries still returned. */
    List<ConfigNode> elements(int minimum) {
        if (!isPresent()) {
            report(MISSING);
            return null;
        }
        return list(minimum);
    }

    /** An optional list: empty when absent, null when not a list. */
    List<ConfigNode> optionalElements(int minimum) {
        return isPresent() ? list(minimum) : List.of();
    }

    private List<ConfigNode> list(int minimum) {
        if (!node.isArray()) {
            report("must be a list, got " + shown());
            return null;
        }
        if (node.size() < minimum) {
            report("must have at least " + minimum + (minimum == 1 ? " entry" : " entries") + ", got " + node.size());
        }
        List<ConfigNode> elements = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), path + "[" + i + "]", problems));
        }
        return elements;
    }

    String text(ValueRule<String> rule) {
        return isPresent() ? readText(rule) : missing();
    }

    /** Null when absent, and when invalid (then reported). */
    String optionalText(ValueRule<String> rule) {
        return isPresent() ? readText(rule) : null;
    }

    private String readText(ValueRule<String> rule) {
        if (node.isTextual() && rule.test().test(node.textValue())) {
            return node.textValue();
        }
        return invalid(rule.description());
    }

    Double number(ValueRule<Double> rule) {
        return isPresent() ? readNumber(rule) : missing();
    }

    Double number(ValueRule<Double> rule, double absent) {
        return isPresent() ? readNumber(rule) : Double.valueOf(absent);
    }

    private Double readNumber(ValueRule<Double> rule) {
        if (node.isNumber() && Double.isFinite(node.doubleValue()) && rule.test().test(node.doubleValue())) {
            return node.doubleValue();
        }
        return invalid(rule.description());
    }

    Long integer(ValueRule<Long> rule, long absent) {
        if (!isPresent()) {
            return absent;
        }
        if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToLong()
                && rule.test().test(node.longValue())) {
            return node.longValue();
        }
        return invalid(rule.description());
    }

    Boolean bool(boolean absent) {
        if (!isPresent()) {
            return absent;
        }
        return node.isBoolean() ? Boolean.valueOf(node.booleanValue()) : invalid("true or false");
    }

    /** Matches the constant names case-insensitively; problems list them in lower case, as files spell them. */
    <E extends Enum<E>> E enumValue(Class<E> type) {
        return isPresent() ? readEnum(type) : missing();
    }

    <E extends Enum<E>> E enumValue(Class<E> type, E absent) {
        return isPresent() ? readEnum(type) : absent;
    }

    private <E extends Enum<E>> E readEnum(Class<E> type) {
        E[] constants = type.getEnumConstants();
        if (node.isTextual()) {
            for (E constant : constants) {
                if (constant.name().equalsIgnoreCase(node.textValue())) {
                    return constant;
                }
            }
        }
        return invalid("one of " + Arrays.stream(constants)
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
    }

    Duration duration(ValueRule<Duration> rule) {
        return isPresent() ? readDuration(rule) : missing();
    }

    Duration duration(ValueRule<Duration> rule, Duration absent) {
        return isPresent() ? readDuration(rule) : absent;
    }

    private Duration readDuration(ValueRule<Duration> rule) {
        Optional<Duration> parsed = node.isTextual() ? DurationText.parse(node.textValue()) : Optional.empty();
        if (parsed.isEmpty()) {
            return invalid("a duration such as " + DurationText.EXAMPLES);
        }
        return rule.test().test(parsed.get()) ? parsed.get() : invalid(rule.description());
    }

    /** An instant as RFC 3339 writes it (a date, a time and a UTC offset), https://www.rfc-editor.org/rfc/rfc3339 */
    Instant instant() {
        if (!isPresent()) {
            return missing();
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException notAnInstant) {
                // reported below, like every other wrong value
            }
        }
        return invalid("an RFC 3339 instant such as 2026-11-25T09:00:00Z");
    }

    private <T> T missing() {
        report(MISSING);
        return null;
    }

    private <T> T invalid(String expected) {
        report("must be " + expected + ", got " + shown());
        return null;
    }

    /** The value found, as a problem quotes it: text in JSON quotes (escaped, cut at a readable length). */
    String shown() {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            String cut = text.length() > SHOWN_TEXT_LIMIT ? text.substring(0, SHOWN_TEXT_LIMIT) + "..." : text;
            return TextNode.valueOf(cut).toString();
        }
        return node.asText();
    }
}
