package io.abtest.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.config.MultipleTestingCorrection;
import io.abtest.config.Variant;
import io.abtest.stats.planning.ArcsineProportionPower;
import io.abtest.stats.planning.Baseline;
import io.abtest.stats.planning.Design;
import io.abtest.stats.planning.DetectableEffect;
import io.abtest.stats.planning.EffectDirection;
import io.abtest.stats.planning.ExperimentPlan;
import io.abtest.stats.planning.MeanFormula;
import io.abtest.stats.planning.MeanPlanning;
import io.abtest.stats.planning.ProportionFormula;
import io.abtest.stats.planning.ProportionPlanning;
import io.abtest.stats.planning.SampleSize;
import io.abtest.stats.planning.Traffic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@link ExperimentPlan} as the {@code plan} command prints it, with the numbers around it that only the engine
 * computes: for each challenger against the control, the detectable effect at the planned units (the "MDE at that
 * size") and at the units expected when the planned duration ends, the power at the planned units, a power curve
 * over sample sizes at the planned effect, and the detectable effect after each number of days.
 *
 * <p>Each comparison is judged at the level and power the plan used ({@link ExperimentPlan#alphaPerComparison()},
 * {@link ExperimentPlan#power()}) and with its formula ({@link ExperimentPlan#options()}). The detectable effect at
 * a sample of n control and m challenger units is the engine's ({@link ProportionPlanning#minimumDetectableEffect}
 * or {@link MeanPlanning#minimumDetectableEffect}) at allocation ratio m / n; the power curve and the detectable
 * effect by days use the weights' ratio, as the sample size does. Nothing here re-derives a formula.
 */
final class PlanReport {

    /** Points of the power curve: control units from 1/40 to all of the curve's upper end. */
    static final int POWER_CURVE_POINTS = 40;
    /** The power curve reaches at least twice the comparison's un-rounded control units. */
    static final double POWER_CURVE_SPAN = 2.0;
    /** The detectable effect by days covers at least this many days, and at least twice the planned duration. */
    static final int MDE_MIN_DAYS = 28;
    /** At most about this many rows of the detectable effect by days (every k-th day beyond). */
    static final int MDE_MAX_POINTS = 120;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Units of the control and a challenger, and the power of their comparison at the planned effect. */
    record PowerPoint(long controlUnits, long treatmentUnits, double power) {}

    /**
     * After {@code days} at the weights' shares of the daily units: the units each side has, and the smallest
     * effect they detect; null when they detect none (too few units for the engine to find one).
     */
    record DetectablePoint(long days, long controlUnits, long treatmentUnits, DetectableEffect detectable) {}

    /**
     * One challenger against the control.
     *
     * @param allocationRatio challenger weight / control weight, as the plan's sample size uses it
     * @param sampleSize the plan's un-rounded sample of this comparison
     * @param powerAtPlannedUnits the power at the planned units of both sides, at the planned effect
     * @param detectableAtPlannedUnits the smallest effect the planned units detect (the MDE at that size)
     * @param detectableAtDuration the smallest effect the units expected at the end of the planned duration detect
     */
    record Comparison(String challenger, double allocationRatio, SampleSize sampleSize, double powerAtPlannedUnits,
            DetectableEffect detectableAtPlannedUnits, DetectableEffect detectableAtDuration,
            List<PowerPoint> powerCurve, List<DetectablePoint> detectableByDays) {}

    private final Path experimentFile;
    private final ExperimentConfig config;
    private final Traffic traffic;
    private final ExperimentPlan plan;
    private final PrimaryMetric metric;
    private final List<Comparison> comparisons;

    private PlanReport(Path experimentFile, ExperimentConfig config, Traffic traffic, ExperimentPlan plan,
            PrimaryMetric metric, List<Comparison> comparisons) {
        this.experimentFile = experimentFile;
        this.config = config;
        this.traffic = traffic;
        this.plan = plan;
        this.metric = metric;
        this.comparisons = comparisons;
    }

    /**
     * @param baseline a rate for a proportion primary metric, a mean for a mean one ({@link PlanCommand} refuses
     *     ratio metrics before they get here)
     * @throws IllegalArgumentException from the engine, naming the parameter, when it cannot plan (a treatment rate
     *     outside (0, 1), a variant with weight 0, ...)
     */
    static PlanReport of(Path experimentFile, ExperimentConfig config, Baseline baseline, Traffic traffic) {
        ExperimentPlan plan = ExperimentPlan.of(config, baseline, traffic);
        PrimaryMetric metric = PrimaryMetric.of(plan, config.minimumDetectableEffect());
        Variant control = config.control();
        long controlUnits = plan.plannedUnits(control.name());
        long controlAtEnd = plan.duration().expectedUnits().get(control.name());
        double weightSum = config.variants().stream().mapToDouble(Variant::weight).sum();
        List<Comparison> comparisons = new ArrayList<>();
        for (Map.Entry<String, SampleSize> e : plan.comparisons().entrySet()) {
            String challenger = e.getKey();
            double ratio = config.variant(challenger).orElseThrow().weight() / control.weight();
            long treatmentUnits = plan.plannedUnits(challenger);
            long treatmentAtEnd = plan.duration().expectedUnits().get(challenger);
            Design planned = design(plan, (double) treatmentUnits / controlUnits);
            comparisons.add(new Comparison(challenger, ratio, e.getValue(),
                    metric.power(controlUnits, planned),
                    metric.detectable(controlUnits, planned),
                    metric.detectable(controlAtEnd, design(plan, (double) treatmentAtEnd / controlAtEnd)),
                    powerCurve(plan, metric, e.getValue(), controlUnits, ratio),
                    detectableByDays(plan, metric, traffic, control.weight(),
                            config.variant(challenger).orElseThrow().weight(), weightSum)));
        }
        return new PlanReport(experimentFile, config, traffic, plan, metric, List.copyOf(comparisons));
    }

    private static Design design(ExperimentPlan plan, double allocationRatio) {
        return new Design(plan.alphaPerComparison(), plan.power(), allocationRatio, plan.options().alternative());
    }

    /**
     * Control units in {@link #POWER_CURVE_POINTS} equal steps up to {@link #POWER_CURVE_SPAN} times the
     * comparison's un-rounded control units (or a fifth beyond the planned control units, when the minimum sample
     * size raised them further), each with the challenger at the weights' ratio; at least 2 units a side.
     */
    private static List<PowerPoint> powerCurve(ExperimentPlan plan, PrimaryMetric metric, SampleSize size,
            long plannedControlUnits, double ratio) {
        double upper = Math.max(POWER_CURVE_SPAN * size.control(), 1.2 * plannedControlUnits);
        Design design = design(plan, ratio);
        List<PowerPoint> points = new ArrayList<>();
        long previous = 0;
        for (int k = 1; k <= POWER_CURVE_POINTS; k++) {
            long control = Math.max(2, (long) Math.ceil(upper * k / POWER_CURVE_POINTS));
            long treatment = (long) Math.ceil(ratio * control);
            if (control > previous && treatment >= 2) {
                points.add(new PowerPoint(control, treatment, metric.power(control, design)));
                previous = control;
            }
        }
        return List.copyOf(points);
    }

    /**
     * Days 1 to max({@link #MDE_MIN_DAYS}, twice the planned days), every k-th day so that there are at most about
     * {@link #MDE_MAX_POINTS} rows, and the planned day itself. Units after d days are those arriving at the
     * weights' shares, computed and floored as {@link io.abtest.stats.planning.ExpectedDuration} does.
     */
    private static List<DetectablePoint> detectableByDays(ExperimentPlan plan, PrimaryMetric metric,
            Traffic traffic, double controlWeight, double treatmentWeight, double weightSum) {
        long plannedDays = plan.duration().days();
        long lastDay = Math.max(MDE_MIN_DAYS, 2 * plannedDays);
        long step = Math.max(1, (lastDay + MDE_MAX_POINTS - 1) / MDE_MAX_POINTS);
        double perDay = traffic.dailyUnits() * traffic.experimentShare();
        List<DetectablePoint> points = new ArrayList<>();
        for (long day = step; day <= lastDay; day += step) {
            if (day > plannedDays && day - step < plannedDays && plannedDays >= 1) {
                points.add(detectableAfter(plannedDays, plan, metric, perDay, controlWeight, treatmentWeight,
                        weightSum));
            }
            points.add(detectableAfter(day, plan, metric, perDay, controlWeight, treatmentWeight, weightSum));
        }
        return List.copyOf(points);
    }

    private static DetectablePoint detectableAfter(long days, ExperimentPlan plan, PrimaryMetric metric,
            double perDay, double controlWeight, double treatmentWeight, double weightSum) {
        long control = (long) Math.floor(perDay * days * controlWeight / weightSum);
        long treatment = (long) Math.floor(perDay * days * treatmentWeight / weightSum);
        DetectableEffect detectable = null;
        if (control >= 2 && treatment >= 2) {
            try {
                detectable = metric.detectable(control, design(plan, (double) treatment / control));
            } catch (IllegalArgumentException tooFewUnits) {
                // the engine finds no detectable effect at this size: the row says so with null
            }
        }
        return new DetectablePoint(days, control, treatment, detectable);
    }

    // ---------------------------------------------------------------------------------------------- text

    String text() {
        StringBuilder s = new StringBuilder();
        Variant control = config.control();
        line(s, "plan for experiment %s (%s)", config.experimentId(), experimentFile);
        s.append('\n');
        line(s, "sample size per variant (rounded up; at least minimum_sample_size %s)",
                units(config.minimumSampleSize()));
        int width = config.variants().stream().mapToInt(v -> v.name().length()).max().orElse(0) + 2;
        for (Variant v : config.variants()) {
            line(s, "  %-" + width + "s %12s", v.name(), units(plan.plannedUnits(v.name())));
        }
        line(s, "  %-" + width + "s %12s", "total", units(plan.totalUnits()));
        line(s, "minimum detectable effect at that size (power %s, alpha %s per comparison)",
                number(plan.power()), number(plan.alphaPerComparison()));
        for (Comparison c : comparisons) {
            DetectableEffect d = c.detectableAtPlannedUnits();
            line(s, "  %-" + width + "s %s relative: %s -> %s; power at the planned effect %s", c.challenger(),
                    percent(d.relative()), number(d.control()), number(d.treatment()),
                    number(c.powerAtPlannedUnits()));
        }
        var duration = plan.duration();
        line(s, "duration %d days, set by the %s (the sample needs %d days; minimum_duration %d days)",
                duration.days(), duration.decidedBy().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                duration.sampleDays(), duration.minimumDays());
        StringBuilder expected = new StringBuilder();
        for (Map.Entry<String, Long> e : duration.expectedUnits().entrySet()) {
            expected.append(expected.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(units(e.getValue()));
        }
        line(s, "  units expected after %d days: %s", duration.days(), expected);
        for (Comparison c : comparisons) {
            line(s, "  %s against %s then detects %s relative", c.challenger(), control.name(),
                    percent(c.detectableAtDuration().relative()));
        }
        s.append('\n');
        line(s, "the numbers it rests on");
        MetricSpec primary = config.primaryMetric();
        line(s, "  primary metric  %s: %s, %s", primary.name(), lower(primary.kind()), lower(primary.direction()));
        line(s, "  baseline        %s", metric.describeBaseline());
        DetectableEffect effect = metric.plannedEffect();
        line(s, "  planned effect  %s relative (minimum_detectable_effect %s): %s -> %s, %s %s", percent(
                effect.relative()), number(config.minimumDetectableEffect()), number(effect.control()),
                number(effect.treatment()), metric.standardizedName(), number(effect.standardized()));
        line(s, "  alpha           %s per comparison, %s (%s)", number(plan.alphaPerComparison()),
                lower(plan.options().alternative()).replace('_', '-'), alphaSplit());
        line(s, "  power           %s", number(plan.power()));
        line(s, "  formula         %s", metric.formulaName());
        StringBuilder weights = new StringBuilder();
        for (Variant v : config.variants()) {
            weights.append(weights.isEmpty() ? "" : ", ").append(v.name()).append(' ').append(number(v.weight()))
                    .append(v.control() ? " (control)" : "");
        }
        line(s, "  weights         %s", weights);
        line(s, "  traffic         %s units a day enter the experiment (--daily-units), split by the weights",
                units(Math.round(traffic.dailyUnits())));
        for (Comparison c : comparisons) {
            line(s, "  un-rounded n    %s against %s: %s control and %s challenger units (ratio %s)",
                    c.challenger(), control.name(), String.format(Locale.ROOT, "%,.2f", c.sampleSize().control()),
                    String.format(Locale.ROOT, "%,.2f", c.sampleSize().treatment()), number(c.allocationRatio()));
        }
        if (!config.rampUp().isEmpty()) {
            line(s, "  not modelled    ramp_up (%d steps): the plan gives every variant its weight above from the"
                    + " first day; a ramp-up makes the experiment longer", config.rampUp().size());
        }
        return s.toString();
    }

    private String alphaSplit() {
        long challengers = comparisons.size();
        if (challengers == 1) {
            return "alpha " + number(config.alpha()) + ", one challenger";
        }
        if (config.correction() == MultipleTestingCorrection.NONE) {
            return "alpha " + number(config.alpha()) + " not split: multiple_testing_correction none";
        }
        return "alpha " + number(config.alpha()) + " / " + challengers + " challengers, for "
                + lower(config.correction());
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    static String units(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Six significant digits, no exponent, no trailing zeros. */
    static String number(double x) {
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String percent(double relative) {
        return String.format(Locale.ROOT, "%+.4g%%", 100 * relative);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------------------------------------- JSON

    ObjectNode json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("experiment_id", config.experimentId());
        root.put("experiment_file", experimentFile.toString());
        MetricSpec primary = config.primaryMetric();
        ObjectNode metricNode = root.putObject("primary_metric");
        metricNode.put("name", primary.name());
        metricNode.put("kind", lower(primary.kind()));
        metricNode.put("source", primary.source());
        metricNode.put("direction", lower(primary.direction()));
        metric.putBaseline(root.putObject("baseline"));
        root.put("minimum_detectable_effect", config.minimumDetectableEffect());
        effect(root.putObject("planned_effect"), metric.plannedEffect());
        root.put("effect_direction", lower(plan.direction()));
        root.put("alpha", config.alpha());
        root.put("alpha_per_comparison", plan.alphaPerComparison());
        root.put("power", plan.power());
        root.put("alternative", lower(plan.options().alternative()));
        root.put("formula", metric.formulaKey());
        root.put("multiple_testing_correction", lower(config.correction()));
        root.put("minimum_sample_size", config.minimumSampleSize());
        root.put("minimum_duration", config.minimumDuration().toString());
        root.put("ramp_up_steps", config.rampUp().size());
        ArrayNode variants = root.putArray("variants");
        for (Variant v : config.variants()) {
            ObjectNode node = variants.addObject();
            node.put("name", v.name());
            node.put("weight", v.weight());
            node.put("control", v.control());
        }
        ObjectNode trafficNode = root.putObject("traffic");
        trafficNode.put("daily_units", traffic.dailyUnits());
        trafficNode.put("experiment_share", traffic.experimentShare());
        ObjectNode planned = root.putObject("planned_units");
        plan.plannedUnits().forEach(planned::put);
        root.put("total_units", plan.totalUnits());
        ObjectNode duration = root.putObject("duration");
        duration.put("days", plan.duration().days());
        duration.put("sample_days", plan.duration().sampleDays());
        duration.put("minimum_days", plan.duration().minimumDays());
        duration.put("decided_by", lower(plan.duration().decidedBy()));
        ObjectNode expected = duration.putObject("expected_units");
        plan.duration().expectedUnits().forEach(expected::put);
        ArrayNode comparisonNodes = root.putArray("comparisons");
        for (Comparison c : comparisons) {
            ObjectNode node = comparisonNodes.addObject();
            node.put("challenger", c.challenger());
            node.put("control", config.control().name());
            node.put("allocation_ratio", c.allocationRatio());
            ObjectNode size = node.putObject("sample_size");
            size.put("control", c.sampleSize().control());
            size.put("treatment", c.sampleSize().treatment());
            node.put("power_at_planned_units", c.powerAtPlannedUnits());
            effect(node.putObject("minimum_detectable_effect"), c.detectableAtPlannedUnits());
            effect(node.putObject("minimum_detectable_effect_at_duration"), c.detectableAtDuration());
            ArrayNode curve = node.putArray("power_curve");
            for (PowerPoint p : c.powerCurve()) {
                ObjectNode point = curve.addObject();
                point.put("control_units", p.controlUnits());
                point.put("treatment_units", p.treatmentUnits());
                point.put("power", p.power());
            }
            ArrayNode byDays = node.putArray("mde_by_days");
            for (DetectablePoint p : c.detectableByDays()) {
                ObjectNode point = byDays.addObject();
                point.put("days", p.days());
                point.put("control_units", p.controlUnits());
                point.put("treatment_units", p.treatmentUnits());
                if (p.detectable() == null) {
                    point.putNull("minimum_detectable_effect");
                } else {
                    effect(point.putObject("minimum_detectable_effect"), p.detectable());
                }
            }
        }
        return root;
    }

    String jsonText() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static void effect(ObjectNode node, DetectableEffect effect) {
        node.put("control", effect.control());
        node.put("treatment", effect.treatment());
        node.put("difference", effect.difference());
        node.put("relative", effect.relative());
        node.put("standardized", effect.standardized());
    }

    // ---------------------------------------------------------------------------------------------- metrics

    /** The primary metric's planning functions, at the plan's baseline, effect, direction and formula. */
    private sealed interface PrimaryMetric {

        static PrimaryMetric of(ExperimentPlan plan, double relativeEffect) {
            if (plan.baseline() instanceof Baseline.Rate rate) {
                return new Proportion(rate.rate(), relativeEffect, plan.direction(),
                        plan.options().proportionFormula());
            }
            Baseline.Mean mean = (Baseline.Mean) plan.baseline();
            return new Mean(mean.mean(), mean.standardDeviation(), relativeEffect, plan.direction(),
                    plan.options().meanFormula());
        }

        /** The configuration's effect applied to the baseline, in the plan's direction. */
        DetectableEffect plannedEffect();

        /** Power at the planned effect with {@code controlUnits} control units. */
        double power(double controlUnits, Design design);

        DetectableEffect detectable(double controlUnits, Design design);

        void putBaseline(ObjectNode node);

        String describeBaseline();

        String standardizedName();

        String formulaKey();

        String formulaName();
    }

    private record Proportion(double rate, double relativeEffect, EffectDirection direction,
            ProportionFormula formula) implements PrimaryMetric {

        private double treatmentRate() {
            return ProportionPlanning.treatmentRate(rate, relativeEffect, direction);
        }

        @Override
        public DetectableEffect plannedEffect() {
            double p2 = treatmentRate();
            return new DetectableEffect(rate, p2, p2 - rate, (p2 - rate) / rate,
                    ArcsineProportionPower.effectSize(rate, p2));
        }

        @Override
        public double power(double controlUnits, Design design) {
            return formula.power(rate, treatmentRate(), controlUnits, design);
        }

        @Override
        public DetectableEffect detectable(double controlUnits, Design design) {
            return ProportionPlanning.minimumDetectableEffect(rate, controlUnits, direction, design, formula);
        }

        @Override
        public void putBaseline(ObjectNode node) {
            node.put("rate", rate);
        }

        @Override
        public String describeBaseline() {
            return "rate " + number(rate) + " (--baseline-mean)";
        }

        @Override
        public String standardizedName() {
            return "Cohen's h";
        }

        @Override
        public String formulaKey() {
            return lower(formula);
        }

        @Override
        public String formulaName() {
            return formula == ProportionFormula.POOLED
                    ? "pooled two-proportion z test (Fleiss, Levin and Paik 2003, ch. 4; R power.prop.test)"
                    : "Cohen's h with the normal formula (statsmodels NormalIndPower + proportion_effectsize)";
        }
    }

    private record Mean(double mean, double standardDeviation, double relativeEffect, EffectDirection direction,
            MeanFormula formula) implements PrimaryMetric {

        private double effectSize() {
            return Math.abs(mean) * relativeEffect / standardDeviation;
        }

        @Override
        public DetectableEffect plannedEffect() {
            double difference = (direction == EffectDirection.INCREASE ? 1 : -1) * Math.abs(mean) * relativeEffect;
            return new DetectableEffect(mean, mean + difference, difference, difference / mean,
                    difference / standardDeviation);
        }

        @Override
        public double power(double controlUnits, Design design) {
            return formula.power(effectSize(), controlUnits, design);
        }

        /**
         * The engine reports a mean's detectable effect as an increase; the t test is symmetric, so a planned
         * decrease gets the same size, mirrored.
         */
        @Override
        public DetectableEffect detectable(double controlUnits, Design design) {
            DetectableEffect up = MeanPlanning.minimumDetectableEffect(
                    mean, standardDeviation, controlUnits, design, formula);
            return direction == EffectDirection.INCREASE ? up : new DetectableEffect(
                    up.control(), up.control() - up.difference(), -up.difference(), -up.relative(),
                    -up.standardized());
        }

        @Override
        public void putBaseline(ObjectNode node) {
            node.put("mean", mean);
            node.put("standard_deviation", standardDeviation);
        }

        @Override
        public String describeBaseline() {
            return "mean " + number(mean) + " (--baseline-mean), standard deviation " + number(standardDeviation)
                    + " per unit (--baseline-sd)";
        }

        @Override
        public String standardizedName() {
            return "d";
        }

        @Override
        public String formulaKey() {
            return lower(formula);
        }

        @Override
        public String formulaName() {
            return formula == MeanFormula.CENTRAL_T
                    ? "two-sample t test, central-t approximation (Chow, Shao and Wang 2008, sec. 3.2)"
                    : "two-sample z test (statsmodels NormalIndPower)";
        }
    }
}
