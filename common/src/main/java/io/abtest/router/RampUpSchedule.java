package io.abtest.router;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.RampStep;
import io.abtest.config.Variant;
import java.util.List;
import java.util.Map;

/**
 * The configured split and coverage over time. Without ramp-up steps, the variants' weights and the configured
 * coverage hold throughout. With steps, each step holds from its {@code at} until the next step; before the first
 * step the first step holds (the smallest exposure), after the last the last. A step that sets only coverage keeps
 * the weights before it (the previous step's, or the variants' for the first step); a step that sets only weights
 * keeps the coverage before it (the previous step's, or the configured coverage for the first step). Ramps normally
 * raise only the coverage: units then only join the experiment, none changes variant (see
 * {@link ExperimentRouter}); a weight change moves units between the control and a challenger
 * ({@link SplitLayout}).
 */
final class RampUpSchedule {

    private final long[] startMillis;
    private final SplitLayout[] layouts;
    private final double[] coverages;

    private RampUpSchedule(long[] startMillis, SplitLayout[] layouts, double[] coverages) {
        this.startMillis = startMillis;
        this.layouts = layouts;
        this.coverages = coverages;
    }

    static RampUpSchedule of(ExperimentConfig config) {
        List<Variant> variants = config.variants();
        List<String> names = variants.stream().map(Variant::name).toList();
        int control = variants.indexOf(config.control());
        double[] configuredWeights = variants.stream().mapToDouble(Variant::weight).toArray();
        if (config.rampUp().isEmpty()) {
            return new RampUpSchedule(new long[] {Long.MIN_VALUE},
                    new SplitLayout[] {SplitLayout.of(configuredWeights, control, names)},
                    new double[] {config.coverage()});
        }
        List<RampStep> steps = config.rampUp();
        long[] starts = new long[steps.size()];
        SplitLayout[] layouts = new SplitLayout[steps.size()];
        double[] coverages = new double[steps.size()];
        double[] weights = configuredWeights;
        double coverage = config.coverage();
        for (int s = 0; s < steps.size(); s++) {
            RampStep step = steps.get(s);
            starts[s] = step.at().toEpochMilli();
            if (!step.weights().isEmpty()) {
                Map<String, Double> stepWeights = step.weights();
                weights = names.stream().mapToDouble(n -> stepWeights.getOrDefault(n, 0.0)).toArray();
            }
            if (step.coverage() != null) {
                coverage = step.coverage();
            }
            try {
                layouts[s] = SplitLayout.of(weights, control, names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ramp_up[" + s + "].weights: " + e.getMessage(), e);
            }
            coverages[s] = coverage;
        }
        return new RampUpSchedule(starts, layouts, coverages);
    }

    /** The index of the step in force at a time. */
    int stepAt(long epochMillis) {
        int step = 0;
        while (step + 1 < startMillis.length && startMillis[step + 1] <= epochMillis) {
            step++;
        }
        return step;
    }

    SplitLayout layout(int step) {
        return layouts[step];
    }

    double coverage(int step) {
        return coverages[step];
    }

    SplitLayout at(long epochMillis) {
        return layouts[stepAt(epochMillis)];
    }

    double coverageAt(long epochMillis) {
        return coverages[stepAt(epochMillis)];
    }

    boolean isStatic() {
        return layouts.length == 1;
    }
}
