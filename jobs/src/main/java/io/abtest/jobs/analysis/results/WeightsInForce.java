package io.abtest.jobs.analysis.results;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.RampStep;
import io.abtest.config.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured split at an instant: the ramp-up step in force (the first before it starts), or the variants' weights. */
final class WeightsInForce {

    private WeightsInForce() {}

    static Map<String, Double> at(ExperimentConfig config, long epochMillis) {
        List<RampStep> steps = config.rampUp();
        if (steps.isEmpty()) {
            Map<String, Double> weights = new LinkedHashMap<>();
            for (Variant v : config.variants()) {
                weights.put(v.name(), v.weight());
            }
            return weights;
        }
        RampStep current = steps.get(0);
        for (RampStep step : steps) {
            if (step.at().toEpochMilli() <= epochMillis) {
                current = step;
            }
        }
        return current.weights();
    }

    static boolean rampComplete(ExperimentConfig config, long epochMillis) {
        List<RampStep> steps = config.rampUp();
        return steps.isEmpty() || steps.get(steps.size() - 1).at().toEpochMilli() <= epochMillis;
    }
}
