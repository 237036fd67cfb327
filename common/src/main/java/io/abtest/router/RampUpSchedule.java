package io.abtest.router;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.RampStep;
import io.abtest.config.Variant;
import java.util.List;

/**
 * The configured split over time. Without ramp-up steps, the variants' weights hold throughout. With
 * steps, each step's weights hold from its {@code at} until the next step; before the first step the
 * first step holds (the smallest exposure), after the last the last. Steps normally only raise the
 * challengers' weights, so under {@link SplitLayout} units move only from the control to a challenger.
 */
final class RampUpSchedule {

    private final long[] startMillis;
    private final SplitLayout[] layouts;

    private RampUpSchedule(long[] startMillis, SplitLayout[] layouts) {
        this.startMillis = startMillis;
        this.layouts = layouts;
    }

    static RampUpSchedule of(ExperimentConfig config) {
        List<Variant> variants = config.variants();
        List<String> names = variants.stream().map(Variant::name).toList();
        int control = variants.indexOf(config.control());
        if (config.rampUp().isEmpty()) {
            double[] weights = variants.stream().mapToDouble(Variant::weight).toArray();
            return new RampUpSchedule(new long[] {Long.MIN_VALUE}, new SplitLayout[] {SplitLayout.of(weights, control, names)});
        }
        List<RampStep> steps = config.rampUp();
        long[] starts = new long[steps.size()];
        SplitLayout[] layouts = new SplitLayout[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            RampStep step = steps.get(s);
            starts[s] = step.at().toEpochMilli();
            double[] weights = names.stream().mapToDouble(n -> step.weights().getOrDefault(n, 0.0)).toArray();
            try {
                layouts[s] = SplitLayout.of(weights, control, names);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ramp_up[" + s + "].weights: " + e.getMessage(), e);
            }
        }
        return new RampUpSchedule(starts, layouts);
    }

    SplitLayout at(long epochMillis) {
        int step = 0;
        while (step + 1 < startMillis.length && startMillis[step + 1] <= epochMillis) {
            step++;
        }
        return layouts[step];
    }

    boolean isStatic() {
        return layouts.length == 1;
    }
}
