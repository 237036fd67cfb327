package io.abtest.router;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.config.MultipleTestingCorrection;
import io.abtest.config.RampStep;
import io.abtest.config.TargetingRule;
import io.abtest.config.Variant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Experiment configurations for router tests; variant 0 is the control, the others are challengers c1, c2, ... */
final class Experiments {

    private Experiments() {}

    static ExperimentConfig split(String id, String salt, double... weights) {
        return config(id, salt, TargetingRule.EVERYONE, List.of(), weights);
    }

    static ExperimentConfig config(String id, String salt, TargetingRule targeting, List<RampStep> rampUp, double... weights) {
        return config(id, salt, 1.0, targeting, rampUp, weights);
    }

    /** A split with every unit targeted and the given share of them in the experiment. */
    static ExperimentConfig covered(String id, String salt, double coverage, double... weights) {
        return config(id, salt, coverage, TargetingRule.EVERYONE, List.of(), weights);
    }

    static ExperimentConfig config(
            String id, String salt, double coverage, TargetingRule targeting, List<RampStep> rampUp, double... weights) {
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            variants.add(new Variant(variantName(i), weights[i], i == 0, i == 0 ? "model-1" : "model-2." + i));
        }
        MetricSpec converted = new MetricSpec("converted", MetricSpec.MetricKind.PROPORTION, "values.converted", null,
                MetricSpec.Direction.HIGHER_IS_BETTER, true, null);
        return new ExperimentConfig(id, salt, variants, targeting, rampUp, List.of(converted), List.of(),
                Duration.ofHours(24), Duration.ofHours(1), 0.05, 0.8, 0.02, 1000, Duration.ofDays(7),
                MultipleTestingCorrection.HOLM, List.of(), 1000, coverage);
    }

    static String variantName(int index) {
        return index == 0 ? "control" : "c" + index;
    }
}
