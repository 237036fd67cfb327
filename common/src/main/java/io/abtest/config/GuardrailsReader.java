package io.abtest.config;

import io.abtest.config.GuardrailSpec.Action;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.config.GuardrailSpec.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code guardrails}: each watches a configured metric or a {@link BuiltInMetrics#GUARDRAIL_METRICS}
 * and has a unique name (by default its metric's, so two guardrails on one metric need explicit names).
 */
final class GuardrailsReader {

    private static final Set<String> FIELDS = Set.of(
            "name", "metric", "threshold", "comparison", "window", "consecutive_breaches", "severity", "action");

    private static final ValueRule<Double> FINITE = new ValueRule<>("a finite number", x -> true);
    private static final ValueRule<Long> BREACHES =
            new ValueRule<>("an integer from 1 to " + Integer.MAX_VALUE, x -> x >= 1 && x <= Integer.MAX_VALUE);

    private GuardrailsReader() {}

    /**
     * @param metricNames the configured metric names; empty when the metrics' names could not all be read, which
     *     skips the check of each guardrail's metric
     */
    static List<GuardrailSpec> read(ConfigNode section, Set<String> metricNames) {
        List<ConfigNode> entries = section.optionalElements(0);
        if (entries == null) {
            return List.of();
        }
        List<GuardrailSpec> guardrails = new ArrayList<>();
        Map<String, String> pathByName = new HashMap<>();
        for (ConfigNode entry : entries) {
            if (!entry.isMappingOf(FIELDS)) {
                continue;
            }
            ConfigNode nameNode = entry.field("name");
            String explicitName = nameNode.optionalText(ValueRule.NAME);
            ConfigNode metricNode = entry.field("metric");
            String metric = metricNode.text(ValueRule.NAME);
            if (metric != null && !metricNames.isEmpty() && !metricNames.contains(metric)
                    && !BuiltInMetrics.GUARDRAIL_METRICS.contains(metric)) {
                metricNode.report("unknown metric \"" + metric + "\"; expected a configured metric ("
                        + String.join(", ", metricNames) + ") or a built-in guardrail metric ("
                        + String.join(", ", new TreeSet<>(BuiltInMetrics.GUARDRAIL_METRICS)) + ")");
                metric = null;
            }
            Double threshold = entry.field("threshold").number(FINITE);
            Comparison comparison = entry.field("comparison").enumValue(Comparison.class);
            Duration window = entry.field("window").duration(ValueRule.POSITIVE_DURATION);
            Long breaches = entry.field("consecutive_breaches").integer(BREACHES, 1);
            Severity severity = entry.field("severity").enumValue(Severity.class);
            Action action = entry.field("action").enumValue(Action.class);
            String name = nameNode.isPresent() ? explicitName : metric;
            if (name != null) {
                checkUnique(name, nameNode.isPresent() ? nameNode : entry, pathByName);
            }
            if (name != null && metric != null && threshold != null && comparison != null && window != null
                    && breaches != null && severity != null && action != null) {
                guardrails.add(new GuardrailSpec(
                        name, metric, threshold, comparison, window, breaches.intValue(), severity, action));
            }
        }
        return guardrails;
    }

    private static void checkUnique(String name, ConfigNode where, Map<String, String> pathByName) {
        String earlier = pathByName.putIfAbsent(name, where.path());
        if (earlier != null) {
            where.report("duplicate guardrail name \"" + name + "\" (also " + earlier
                    + "); a guardrail without a name takes its metric's, so give each a distinct name");
        }
    }
}
