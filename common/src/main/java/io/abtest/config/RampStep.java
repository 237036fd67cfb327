package io.abtest.config;

import java.time.Instant;
import java.util.Map;

/**
 * From {@code at} on (until the next step), the experiment splits traffic by these weights and admits this share
 * of its eligible units. A step sets weights, coverage or both; what it does not set stays as it was (the previous
 * step's, or the configuration's for the first step).
 *
 * @param weights variant name to weight, naming every variant; empty when the step does not set weights
 * @param coverage the share of eligible units in the experiment, in (0, 1]; null when the step does not set it
 */
public record RampStep(Instant at, Map<String, Double> weights, Double coverage) {

    public RampStep {
        weights = Map.copyOf(weights);
        if (coverage != null && !(coverage > 0 && coverage <= 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1], got " + coverage);
        }
        if (weights.isEmpty() && coverage == null) {
            throw new IllegalArgumentException("a ramp step sets weights, coverage or both");
        }
    }

    /** A step that sets weights only. */
    public RampStep(Instant at, Map<String, Double> weights) {
        this(at, weights, null);
    }
}
