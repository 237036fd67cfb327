package io.abtest.config;

import io.abtest.config.MetricSpec.MetricKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code metrics}: at least one, unique names, exactly one primary; a denominator for ratio metrics and
 * only for them; sources, denominators and covariates as {@code values.NAME} or a {@link BuiltInMetrics#SOURCES}.
 */
final class MetricsReader {

    private static final Set<String> FIELDS =
            Set.of("name", "kind", "source", "denominator", "direction", "primary", "covariate");

    private static final Pattern VALUE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    static final ValueRule<String> SOURCE = new ValueRule<>(
            BuiltInMetrics.VALUES_PREFIX + "NAME or one of " + String.join(", ", new TreeSet<>(BuiltInMetrics.SOURCES)),
            MetricsReader::isSource);

    /**
     * @param metrics the entries read without a problem
     * @param names every metric name, in file order, for the guardrails' checks; empty when an entry has no
     *     valid name, so that one bad name does not also make every guardrail on it a problem
     */
    record Result(List<MetricSpec> metrics, Set<String> names) {}

    private MetricsReader() {}

    static Result read(ConfigNode section) {
        List<ConfigNode> entries = section.elements(1);
        if (entries == null) {
            return new Result(List.of(), Set.of());
        }
        List<MetricSpec> metrics = new ArrayList<>();
        Map<String, String> pathByName = new LinkedHashMap<>();
        List<String> primaries = new ArrayList<>();
        boolean primariesKnown = true;
        boolean namesKnown = true;
        for (ConfigNode entry : entries) {
            if (!entry.isMappingOf(FIELDS)) {
                primariesKnown = false;
                namesKnown = false;
                continue;
            }
            ConfigNode nameNode = entry.field("name");
            String name = nameNode.text(ValueRule.NAME);
            MetricKind kind = entry.field("kind").enumValue(MetricKind.class);
            String source = entry.field("source").text(SOURCE);
            String denominator = readDenominator(entry.field("denominator"), kind);
            MetricSpec.Direction direction = entry.field("direction").enumValue(MetricSpec.Direction.class);
            Boolean primary = entry.field("primary").bool(false);
            String covariate = entry.field("covariate").optionalText(SOURCE);
            namesKnown &= name != null;
            if (name != null) {
                checkName(nameNode, name, pathByName);
            }
            primariesKnown &= primary != null;
            if (Boolean.TRUE.equals(primary)) {
                primaries.add(entry.path());
            }
            if (name != null && kind != null && source != null && direction != null && primary != null) {
                metrics.add(new MetricSpec(name, kind, source, denominator, direction, primary, covariate));
            }
        }
        if (primariesKnown && !entries.isEmpty() && primaries.size() != 1) {
            section.report("exactly one metric must have primary: true, found "
                    + (primaries.isEmpty() ? "none" : primaries.size() + " (" + String.join(", ", primaries) + ")"));
        }
        return new Result(metrics, namesKnown ? new LinkedHashSet<>(pathByName.keySet()) : Set.of());
    }

    /** A metric may not take a built-in guardrail metric's name, so that a guardrail's metric is never ambiguous. */
    private static void checkName(ConfigNode nameNode, String name, Map<String, String> pathByName) {
        String earlier = pathByName.putIfAbsent(name, nameNode.path());
        if (earlier != null) {
            nameNode.report("duplicate metric name \"" + name + "\" (also " + earlier + ")");
        } else if (BuiltInMetrics.GUARDRAIL_METRICS.contains(name)) {
            nameNode.report("\"" + name + "\" is the name of a built-in guardrail metric; choose another name");
        }
    }

    private static String readDenominator(ConfigNode node, MetricKind kind) {
        if (kind == MetricKind.RATIO) {
            if (!node.isPresent()) {
                node.report(ConfigNode.MISSING + " (kind ratio needs a denominator)");
                return null;
            }
            return node.text(SOURCE);
        }
        if (kind != null && node.isPresent()) {
            node.report("only allowed for kind ratio, not " + kind.name().toLowerCase(Locale.ROOT));
            return null;
        }
        return node.optionalText(SOURCE);
    }

    private static boolean isSource(String text) {
        if (text.startsWith(BuiltInMetrics.VALUES_PREFIX)) {
            return VALUE_NAME.matcher(text.substring(BuiltInMetrics.VALUES_PREFIX.length())).matches();
        }
        return BuiltInMetrics.SOURCES.contains(text);
    }
}
