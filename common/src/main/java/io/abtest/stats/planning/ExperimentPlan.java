package io.abtest.stats.planning;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.config.MultipleTestingCorrection;
import io.abtest.config.Variant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The planned sample and duration of an experiment, from its configuration (alpha, power, the relative
 * {@code minimum_detectable_effect} on the primary metric, the variants' weights, the minimum sample size and
 * duration), the primary metric's baseline and the traffic. The decision logic and the notebooks compare the
 * units reached against {@link #plannedUnits()}.
 *
 * <p>How the configuration is read:
 * <ul>
 *   <li>Each challenger is compared with the control at allocation ratio r = challenger weight / control weight.
 *       The control needs the largest control n over the comparisons; each challenger its own r x n.</li>
 *   <li>The planned effect is baseline x (1 + mde) for a higher-is-better primary metric and baseline x (1 - mde)
 *       for a lower-is-better one (for a proportion the direction changes n; for a mean it does not).</li>
 *   <li>With a multiple-testing correction configured and k challengers, each comparison is planned at alpha / k
 *       (Bonferroni): that is the level Bonferroni and the first step of Holm apply to the smallest p-value, and
 *       the level Benjamini-Hochberg applies when only one challenger differs. With one challenger or no
 *       correction, alpha.</li>
 *   <li>Every variant's planned units are at least the configured {@code minimum_sample_size}.</li>
 *   <li>Ramp-up steps are ignored: the duration assumes the variants' weights from the first day.</li>
 * </ul>
 * Inputs that cannot be planned for (a baseline of the wrong kind for the metric, a variant with weight 0, bad
 * traffic) throw {@link IllegalArgumentException} naming the parameter.
 *
 * @param experimentId from the configuration
 * @param metric the primary metric's name
 * @param baseline the primary metric's expected control value
 * @param direction of the planned effect
 * @param alphaPerComparison the level each challenger-control comparison is planned at
 * @param power the configured power
 * @param options alternative and formulas used
 * @param comparisons per challenger, the un-rounded sample size of its comparison with the control
 * @param plannedUnits per variant (configuration order), rounded up and at least the minimum sample size
 * @param duration days and what decided them
 */
public record ExperimentPlan(
        String experimentId,
        String metric,
        Baseline baseline,
        EffectDirection direction,
        double alphaPerComparison,
        double power,
        PlanningOptions options,
        Map<String, SampleSize> comparisons,
        Map<String, Long> plannedUnits,
        ExpectedDuration duration) {

    public ExperimentPlan {
        comparisons = Collections.unmodifiableMap(new LinkedHashMap<>(comparisons));
        plannedUnits = Collections.unmodifiableMap(new LinkedHashMap<>(plannedUnits));
    }

    public static ExperimentPlan of(ExperimentConfig config, Baseline baseline, Traffic traffic) {
        return of(config, baseline, traffic, PlanningOptions.DEFAULT);
    }

    public static ExperimentPlan of(
            ExperimentConfig config, Baseline baseline, Traffic traffic, PlanningOptions options) {
        Validation.given("config", config);
        Validation.given("baseline", baseline);
        Validation.given("traffic", traffic);
        Validation.given("options", options);
        MetricSpec metric = config.primaryMetric();
        EffectDirection direction = metric.direction() == MetricSpec.Direction.LOWER_IS_BETTER
                ? EffectDirection.DECREASE : EffectDirection.INCREASE;
        Variant control = config.control();
        Map<String, Double> weights = new LinkedHashMap<>();
        for (Variant v : config.variants()) {
            if (!(v.weight() > 0)) {
                throw new IllegalArgumentException("variant '" + v.name() + "' has weight " + v.weight()
                        + "; planning needs every variant's share of traffic to be positive");
            }
            weights.put(v.name(), v.weight());
        }
        long challengers = config.variants().size() - 1L;
        double alpha = config.correction() == MultipleTestingCorrection.NONE
                ? config.alpha() : config.alpha() / challengers;

        Map<String, SampleSize> comparisons = new LinkedHashMap<>();
        long controlUnits = 0;
        for (Variant v : config.variants()) {
            if (!v.control()) {
                Design design = new Design(alpha, config.power(), v.weight() / control.weight(),
                        options.alternative());
                SampleSize size = sampleSize(metric, baseline, config.minimumDetectableEffect(), direction,
                        design, options);
                comparisons.put(v.name(), size);
                controlUnits = Math.max(controlUnits, size.controlUnits());
            }
        }
        Map<String, Long> planned = new LinkedHashMap<>();
        for (Variant v : config.variants()) {
            long units = v.control() ? controlUnits : comparisons.get(v.name()).treatmentUnits();
            planned.put(v.name(), Math.max(units, config.minimumSampleSize()));
        }
        ExpectedDuration duration = ExpectedDuration.of(planned, weights, traffic, config.minimumDuration());
        return new ExperimentPlan(config.experimentId(), metric.name(), baseline, direction, alpha,
                config.power(), options, comparisons, planned, duration);
    }

    private static SampleSize sampleSize(MetricSpec metric, Baseline baseline, double relativeEffect,
            EffectDirection direction, Design design, PlanningOptions options) {
        if (metric.kind() == MetricSpec.MetricKind.PROPORTION) {
            if (!(baseline instanceof Baseline.Rate rate)) {
                throw new IllegalArgumentException("baseline must be a Baseline.Rate for proportion metric '"
                        + metric.name() + "', was " + baseline);
            }
            return ProportionPlanning.sampleSize(
                    rate.rate(), relativeEffect, direction, design, options.proportionFormula());
        }
        if (!(baseline instanceof Baseline.Mean mean)) {
            throw new IllegalArgumentException("baseline must be a Baseline.Mean for " + metric.kind()
                    + " metric '" + metric.name() + "', was " + baseline);
        }
        return MeanPlanning.sampleSize(
                mean.mean(), mean.standardDeviation(), relativeEffect, design, options.meanFormula());
    }

    /** Units planned for {@code variant}; throws for a variant not in the plan. */
    public long plannedUnits(String variant) {
        Long units = plannedUnits.get(variant);
        if (units == null) {
            throw new IllegalArgumentException("variant '" + variant + "' is not in the plan " + plannedUnits.keySet());
        }
        return units;
    }

    /** Planned units over all variants. */
    public long totalUnits() {
        return plannedUnits.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The smallest share of its planned units that any variant has reached (1 = every variant reached its plan);
     * a variant missing from {@code observedUnits} counts as 0.
     */
    public double shareReached(Map<String, Long> observedUnits) {
        double least = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Long> e : plannedUnits.entrySet()) {
            long observed = observedUnits.getOrDefault(e.getKey(), 0L);
            least = Math.min(least, e.getValue() == 0 ? 1 : (double) observed / e.getValue());
        }
        return least;
    }

    /** Whether every variant has at least its planned units. */
    public boolean sampleReached(Map<String, Long> observedUnits) {
        return plannedUnits.entrySet().stream()
                .allMatch(e -> observedUnits.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
}
