package io.abtest.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ramp_up}: steps in strictly ascending time, each setting {@code weights} (a weight for every variant
 * and for nothing else), {@code coverage} (in (0, 1]) or both. What a step does not set stays as it was.
 */
final class RampUpReader {

    private static final Set<String> FIELDS = Set.of("at", "weights", "coverage");
    private static final ValueRule<Double> WEIGHT = ValueRule.atLeast(0);

    private RampUpReader() {}

    /**
     * @param variantNames the variant names; empty when the variants' names could not all be read, which skips
     *     the checks of the names in each step
     */
    static List<RampStep> read(ConfigNode section, Set<String> variantNames) {
        List<ConfigNode> entries = section.optionalElements(0);
        if (entries == null) {
            return List.of();
        }
        List<RampStep> steps = new ArrayList<>();
        Instant previousAt = null;
        String previousPath = null;
        for (ConfigNode entry : entries) {
            if (!entry.isMappingOf(FIELDS)) {
                continue;
            }
            ConfigNode atNode = entry.field("at");
            Instant at = atNode.instant();
            if (at != null) {
                if (previousAt != null && !at.isAfter(previousAt)) {
                    atNode.report("must be later than " + previousPath + " (" + previousAt + "), got " + at);
                }
                previousAt = at;
                previousPath = atNode.path();
            }
            ConfigNode weightsNode = entry.field("weights");
            ConfigNode coverageNode = entry.field("coverage");
            if (!weightsNode.isPresent() && !coverageNode.isPresent()) {
                entry.report("a step sets weights, coverage or both");
                continue;
            }
            Map<String, Double> weights = weightsNode.isPresent() ? readWeights(weightsNode, variantNames) : Map.of();
            Double coverage = coverageNode.isPresent() ? coverageNode.number(ValueRule.COVERAGE) : null;
            boolean coverageValid = !coverageNode.isPresent() || coverage != null;
            if (at != null && weights != null && coverageValid) {
                steps.add(new RampStep(at, weights, coverage));
            }
        }
        return steps;
    }

    private static Map<String, Double> readWeights(ConfigNode node, Set<String> variantNames) {
        Map<String, ConfigNode> entries = node.entries();
        if (entries == null) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        boolean valid = true;
        for (Map.Entry<String, ConfigNode> entry : entries.entrySet()) {
            if (!variantNames.isEmpty() && !variantNames.contains(entry.getKey())) {
                entry.getValue().report("unknown variant; the variants are " + String.join(", ", variantNames));
                valid = false;
            }
            Double weight = entry.getValue().number(WEIGHT);
            valid &= weight != null;
            if (weight != null) {
                weights.put(entry.getKey(), weight);
            }
        }
        for (String name : variantNames) {
            if (!entries.containsKey(name)) {
                node.report("missing the weight of variant \"" + name + "\"; a step names every variant");
                valid = false;
            }
        }
        if (valid && weights.values().stream().mapToDouble(Double::doubleValue).sum() == 0) {
            node.report("weights must not all be 0");
            valid = false;
        }
        return valid ? weights : null;
    }
}
