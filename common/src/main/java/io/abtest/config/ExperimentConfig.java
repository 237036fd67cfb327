package io.abtest.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One experiment, as its configuration file declares it. Built only by {@link ExperimentConfigLoader},
 * which checks every field, so an instance is always complete and consistent.
 *
 * @param experimentId stable id; events and control records name the experiment by it
 * @param hashSalt salt of the assignment hash; a new salt re-randomizes every unit
 * @param variants at least two, exactly one of them the control
 * @param targeting which units take part; {@link TargetingRule#EVERYONE} when the file has none
 * @param rampUp weights and coverage over time, in ascending order of {@link RampStep#at()}; empty: the variants'
 *     weights and {@code coverage}. From the loader every step names every variant's weight and its coverage (what
 *     the file's step left out is filled in from the step before); steps built otherwise may leave either out, and the
 *     router then applies the same rule
 * @param metrics at least one, exactly one of them primary
 * @param guardrails possibly empty
 * @param attributionWindow how long after a prediction an outcome still counts for it
 * @param allowedLateness how late (in event time) a record may arrive before it is dead-lettered
 * @param alpha significance level of the tests, in (0, 0.5]
 * @param power planned power, in (0, 1)
 * @param minimumDetectableEffect the planned relative effect on the primary metric (0.02 = 2% lift)
 * @param minimumSampleSize units per variant below which no decision other than EXTEND is taken
 * @param minimumDuration time below which no decision other than EXTEND (or STOP) is taken
 * @param correction multiple-testing correction over treatment x metric x segment tests
 * @param segments attribute names whose values define analysis segments; possibly empty
 * @param sequentialTuningUnits units per variant at which the always-valid intervals are narrowest (the asymptotic
 *     confidence sequence's rho is tuned for twice this many units in a comparison); by default the minimum sample
 *     size
 * @param maxMultipleExposure the largest share of units served more than one variant (excluded from every metric)
 *     the decision accepts; above it the decision is INCONCLUSIVE; in [0, 1], by default 0.01
 * @param coverage the share of eligible (targeted) units in the experiment, in (0, 1]; 1 by default. Ramp steps and
 *     control records may override it
 */
public record ExperimentConfig(
        String experimentId,
        String hashSalt,
        List<Variant> variants,
        TargetingRule targeting,
        List<RampStep> rampUp,
        List<MetricSpec> metrics,
        List<GuardrailSpec> guardrails,
        Duration attributionWindow,
        Duration allowedLateness,
        double alpha,
        double power,
        double minimumDetectableEffect,
        long minimumSampleSize,
        Duration minimumDuration,
        MultipleTestingCorrection correction,
        List<String> segments,
        long sequentialTuningUnits,
        double maxMultipleExposure,
        double coverage) {

    /** The default of {@link #maxMultipleExposure()}. */
    public static final double DEFAULT_MAX_MULTIPLE_EXPOSURE = 0.01;

    /** A configuration with the default largest share of multi-exposed units. */
    public ExperimentConfig(String experimentId, String hashSalt, List<Variant> variants, TargetingRule targeting,
            List<RampStep> rampUp, List<MetricSpec> metrics, List<GuardrailSpec> guardrails,
            Duration attributionWindow, Duration allowedLateness, double alpha, double power,
            double minimumDetectableEffect, long minimumSampleSize, Duration minimumDuration,
            MultipleTestingCorrection correction, List<String> segments, long sequentialTuningUnits, double coverage) {
        this(experimentId, hashSalt, variants, targeting, rampUp, metrics, guardrails, attributionWindow,
                allowedLateness, alpha, power, minimumDetectableEffect, minimumSampleSize, minimumDuration, correction,
                segments, sequentialTuningUnits, DEFAULT_MAX_MULTIPLE_EXPOSURE, coverage);
    }

    /** A configuration with every eligible unit in the experiment (coverage 1) and the default multi-exposure limit. */
    public ExperimentConfig(String experimentId, String hashSalt, List<Variant> variants, TargetingRule targeting,
            List<RampStep> rampUp, List<MetricSpec> metrics, List<GuardrailSpec> guardrails,
            Duration attributionWindow, Duration allowedLateness, double alpha, double power,
            double minimumDetectableEffect, long minimumSampleSize, Duration minimumDuration,
            MultipleTestingCorrection correction, List<String> segments, long sequentialTuningUnits) {
        this(experimentId, hashSalt, variants, targeting, rampUp, metrics, guardrails, attributionWindow,
                allowedLateness, alpha, power, minimumDetectableEffect, minimumSampleSize, minimumDuration, correction,
                segments, sequentialTuningUnits, DEFAULT_MAX_MULTIPLE_EXPOSURE, 1.0);
    }

    /** A configuration whose always-valid tests are tuned by the default, the minimum sample size. */
    public ExperimentConfig(String experimentId, String hashSalt, List<Variant> variants, TargetingRule targeting,
            List<RampStep> rampUp, List<MetricSpec> metrics, List<GuardrailSpec> guardrails,
            Duration attributionWindow, Duration allowedLateness, double alpha, double power,
            double minimumDetectableEffect, long minimumSampleSize, Duration minimumDuration,
            MultipleTestingCorrection correction, List<String> segments) {
        this(experimentId, hashSalt, variants, targeting, rampUp, metrics, guardrails, attributionWindow,
                allowedLateness, alpha, power, minimumDetectableEffect, minimumSampleSize, minimumDuration, correction,
                segments, minimumSampleSize, 1.0);
    }

    public ExperimentConfig {
        variants = List.copyOf(variants);
        rampUp = List.copyOf(rampUp);
        metrics = List.copyOf(metrics);
        guardrails = List.copyOf(guardrails);
        segments = List.copyOf(segments);
        if (!(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        }
    }

    public Variant control() {
        return variants.stream().filter(Variant::control).findFirst().orElseThrow();
    }

    public Optional<Variant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    public MetricSpec primaryMetric() {
        return metrics.stream().filter(MetricSpec::primary).findFirst().orElseThrow();
    }
}
