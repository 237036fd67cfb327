package io.abtest.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the parsed tree of one experiment file into an {@link ExperimentConfig}, reporting every problem it
 * finds. The defaults here are the documented ones (README, configuration reference); change both together.
 */
final class ExperimentReader {

    static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofHours(24);
    static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofHours(1);
    static final double DEFAULT_ALPHA = 0.05;
    static final double DEFAULT_POWER = 0.8;
    static final long DEFAULT_MINIMUM_SAMPLE_SIZE = 1000;
    static final Duration DEFAULT_MINIMUM_DURATION = Duration.ofDays(7);
    static final MultipleTestingCorrection DEFAULT_CORRECTION = MultipleTestingCorrection.HOLM;
    static final double DEFAULT_COVERAGE = 1.0;

    private static final Set<String> FIELDS = Set.of(
            "experiment_id", "hash_salt", "variants", "targeting", "ramp_up", "metrics", "guardrails",
            "attribution_window", "allowed_lateness", "alpha", "power", "minimum_detectable_effect",
            "minimum_sample_size", "minimum_duration", "multiple_testing_correction", "segments",
            "sequential_tuning_units", "max_multiple_exposure", "coverage");

    /** Capped at 0.5: a test at a larger level rejects a true null hypothesis more often than not. */
    private static final ValueRule<Double> ALPHA = new ValueRule<>("a number in (0, 0.5]", x -> x > 0 && x <= 0.5);
    private static final ValueRule<Double> SHARE = new ValueRule<>("a number in [0, 1]", x -> x >= 0 && x <= 1);
    private static final ValueRule<Double> POWER = new ValueRule<>("a number in (0, 1)", x -> x > 0 && x < 1);

    private ExperimentReader() {}

    /** The configuration, or null when a problem was reported. */
    static ExperimentConfig read(JsonNode tree, ProblemList problems) {
        ConfigNode root = ConfigNode.root(tree, problems);
        if (!root.isPresent()) {
            root.report("the file is empty; it must hold one experiment");
            return null;
        }
        if (!root.isMappingOf(FIELDS)) {
            return null;
        }
        String experimentId = root.field("experiment_id").text(ValueRule.NAME);
        String hashSalt = root.field("hash_salt").text(ValueRule.NON_EMPTY);
        VariantsReader.Result variants = VariantsReader.read(root.field("variants"));
        TargetingRule targeting = TargetingReader.read(root.field("targeting"));
        List<RampStep> rampUp = RampUpReader.read(root.field("ramp_up"), variants.names());
        MetricsReader.Result metrics = MetricsReader.read(root.field("metrics"));
        List<GuardrailSpec> guardrails = GuardrailsReader.read(root.field("guardrails"), metrics.names(),
                metrics.metrics() == null ? List.of() : metrics.metrics());
        Duration attributionWindow =
                root.field("attribution_window").duration(ValueRule.POSITIVE_DURATION, DEFAULT_ATTRIBUTION_WINDOW);
        Duration allowedLateness =
                root.field("allowed_lateness").duration(ValueRule.NON_NEGATIVE_DURATION, DEFAULT_ALLOWED_LATENESS);
        Double alpha = root.field("alpha").number(ALPHA, DEFAULT_ALPHA);
        Double power = root.field("power").number(POWER, DEFAULT_POWER);
        Double minimumDetectableEffect = root.field("minimum_detectable_effect").number(ValueRule.above(0));
        Long minimumSampleSize =
                root.field("minimum_sample_size").integer(ValueRule.integerAtLeast(2), DEFAULT_MINIMUM_SAMPLE_SIZE);
        Duration minimumDuration =
                root.field("minimum_duration").duration(ValueRule.NON_NEGATIVE_DURATION, DEFAULT_MINIMUM_DURATION);
        MultipleTestingCorrection correction = root.field("multiple_testing_correction")
                .enumValue(MultipleTestingCorrection.class, DEFAULT_CORRECTION);
        List<String> segments = readSegments(root.field("segments"));
        Long sequentialTuningUnits = root.field("sequential_tuning_units").integer(ValueRule.integerAtLeast(2),
                minimumSampleSize == null ? DEFAULT_MINIMUM_SAMPLE_SIZE : minimumSampleSize);
        Double maxMultipleExposure = root.field("max_multiple_exposure").number(SHARE,
                ExperimentConfig.DEFAULT_MAX_MULTIPLE_EXPOSURE);
        Double coverage = root.field("coverage").number(ValueRule.COVERAGE, DEFAULT_COVERAGE);
        if (!problems.isEmpty()) {
            return null;
        }
        rampUp = resolved(rampUp, variants.variants(), coverage);
        checkLaneCapacity(root, variants.variants(), rampUp);
        if (!problems.isEmpty()) {
            return null;
        }
        return new ExperimentConfig(experimentId, hashSalt, variants.variants(), targeting, rampUp, metrics.metrics(),
                guardrails, attributionWindow, allowedLateness, alpha, power, minimumDetectableEffect,
                minimumSampleSize, minimumDuration, correction, segments, sequentialTuningUnits, maxMultipleExposure,
                coverage);
    }

    /**
     * The steps with what each leaves out filled in from the step before (the variants' weights and the top-level
     * coverage before the first), so that every step of a loaded configuration names every variant's weight and its
     * coverage, and readers of {@link ExperimentConfig#rampUp()} need not know the inheritance rule.
     */
    private static List<RampStep> resolved(List<RampStep> steps, List<Variant> variants, double coverage) {
        Map<String, Double> weights = new LinkedHashMap<>();
        variants.forEach(v -> weights.put(v.name(), v.weight()));
        Map<String, Double> currentWeights = weights;
        double currentCoverage = coverage;
        List<RampStep> resolved = new ArrayList<>(steps.size());
        for (RampStep step : steps) {
            if (!step.weights().isEmpty()) {
                currentWeights = step.weights();
            }
            if (step.coverage() != null) {
                currentCoverage = step.coverage();
            }
            resolved.add(new RampStep(step.at(), currentWeights, currentCoverage));
        }
        return resolved;
    }

    /** Every split the configuration states must fit the router's lanes ({@link LaneCapacity}). */
    private static void checkLaneCapacity(ConfigNode root, List<Variant> variants, List<RampStep> rampUp) {
        List<String> names = variants.stream().map(Variant::name).toList();
        int control = names.indexOf(variants.stream().filter(Variant::control).findFirst().orElseThrow().name());
        String problem = LaneCapacity.problem(names, variants.stream().mapToDouble(Variant::weight).toArray(), control);
        if (problem != null) {
            root.field("variants").report(problem);
        }
        for (int s = 0; s < rampUp.size(); s++) {
            Map<String, Double> weights = rampUp.get(s).weights();
            if (weights.isEmpty()) {
                continue;
            }
            problem = LaneCapacity.problem(names, names.stream().mapToDouble(weights::get).toArray(), control);
            if (problem != null) {
                root.field("ramp_up").optionalElements(0).get(s).field("weights").report(problem);
            }
        }
    }

    private static List<String> readSegments(ConfigNode section) {
        List<ConfigNode> entries = section.optionalElements(0);
        if (entries == null) {
            return null;
        }
        List<String> segments = new ArrayList<>();
        Map<String, String> pathBySegment = new HashMap<>();
        for (ConfigNode entry : entries) {
            String attribute = entry.text(ValueRule.NON_EMPTY);
            if (attribute == null) {
                continue;
            }
            String earlier = pathBySegment.putIfAbsent(attribute, entry.path());
            if (earlier != null) {
                entry.report("duplicate segment attribute \"" + attribute + "\" (also " + earlier + ")");
            } else {
                segments.add(attribute);
            }
        }
        return segments;
    }
}
