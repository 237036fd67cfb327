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
            "name", "metric", "threshold", "comparison", "window", "consecutive_breaches", "severity", "action",
            "relative_to_control", "min_events", "recovery_windows");

    private static final ValueRule<Double> FINITE = new ValueRule<>("a finite number", x -> true);
    private static final ValueRule<Long> BREACHES =
            new ValueRule<>("an integer from 1 to " + Integer.MAX_VALUE, x -> x >= 1 && x <= Integer.MAX_VALUE);
    private static final ValueRule<Long> MIN_EVENTS = ValueRule.integerAtLeast(1);

    private GuardrailsReader() {}

    /**
     * @param metricNames the configured metric names; empty when the metrics' names could not all be read, which
     *     skips the check of each guardrail's metric
     * @param metrics the configured metrics that could be read, for the direction a configured metric's
     *     guardrail must agree with
     */
    static List<GuardrailSpec> read(ConfigNode section, Set<String> metricNames, List<MetricSpec> metrics) {
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
            ConfigNode relativeNode = entry.field("relative_to_control");
            Boolean relative = relativeNode.bool(false);
            Long minEvents = entry.field("min_events").integer(MIN_EVENTS, GuardrailSpec.DEFAULT_MIN_EVENTS);
            Long recovery = entry.field("recovery_windows").integer(BREACHES, GuardrailSpec.DEFAULT_RECOVERY_WINDOWS);
            boolean configuredMetric = metric != null && !BuiltInMetrics.GUARDRAIL_METRICS.contains(metric);
            if (configuredMetric && relativeNode.isPresent()) {
                relativeNode.report("a guardrail on a configured metric is always judged against the control (its"
                        + " threshold is a relative non-inferiority margin); relative_to_control applies to "
                        + String.join(", ", new TreeSet<>(BuiltInMetrics.GUARDRAIL_METRICS)));
            }
            String watchedName = metric;
            MetricSpec watched = metrics.stream().filter(m -> m.name().equals(watchedName)).findFirst().orElse(null);
            Comparison harmful = watched == null ? null
                    : watched.direction() == MetricSpec.Direction.HIGHER_IS_BETTER ? Comparison.LESS_THAN
                    : Comparison.GREATER_THAN;
            if (configuredMetric && harmful != null && comparison != null && comparison != harmful) {
                entry.field("comparison").report("metric \"" + metric + "\" is "
                        + watched.direction().name().toLowerCase(java.util.Locale.ROOT) + ", so its guardrail breaches"
                        + " when it is worse: comparison must be " + harmful.name().toLowerCase(java.util.Locale.ROOT));
            }
            if (configuredMetric && threshold != null && threshold < 0) {
                entry.field("threshold").report("must be >= 0 for a configured metric (a relative margin, 0.01 = 1%"
                        + " worse than the control), got " + threshold);
            }
            String name = nameNode.isPresent() ? explicitName : metric;
            if (name != null) {
                checkUnique(name, nameNode.isPresent() ? nameNode : entry, pathByName);
            }
            if (name != null && metric != null && threshold != null && comparison != null && window != null
                    && breaches != null && severity != null && action != null && relative != null
                    && minEvents != null && recovery != null) {
                guardrails.add(new GuardrailSpec(name, metric, threshold, comparison, window, breaches.intValue(),
                        severity, action, relative, minEvents, recovery.intValue()));
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
