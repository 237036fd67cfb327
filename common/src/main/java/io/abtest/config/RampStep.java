package io.abtest.config;

import java.time.Instant;
import java.util.Map;

/** From {@code at} on (until the next step), the experiment splits traffic by these weights. */
public record RampStep(Instant at, Map<String, Double> weights) {

    public RampStep {
        weights = Map.copyOf(weights);
    }
}
