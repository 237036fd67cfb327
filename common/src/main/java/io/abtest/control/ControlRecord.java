package io.abtest.control;

import java.time.Instant;
import java.util.Map;

/**
 * A record of the compacted topic {@code ab.control} (key = experiment id), CONTRACT.md section 4.
 *
 * @param experimentId the experiment it steers; routers of other experiments ignore it
 * @param state RUNNING (split by {@code weights}, or by the configuration when weights is empty),
 *     STOPPED (every unit to the control) or ROLLED_OUT (every unit to the variant of highest weight)
 * @param weights variant name to weight; never null, possibly empty
 * @param coverage the share of eligible units in the experiment, in (0, 1]; null when the record does not set it
 *     (the configuration's coverage, or its ramp step's, holds then)
 * @param reason free text for people, may be null
 * @param updatedAt orders records: a router applies a record only if it is newer than the one it has
 */
public record ControlRecord(
        String experimentId,
        ControlState state,
        Map<String, Double> weights,
        Double coverage,
        String reason,
        Instant updatedAt) {

    public ControlRecord {
        weights = weights == null ? Map.of() : Map.copyOf(weights);
    }

    /** A record that does not set coverage. */
    public ControlRecord(
            String experimentId, ControlState state, Map<String, Double> weights, String reason, Instant updatedAt) {
        this(experimentId, state, weights, null, reason, updatedAt);
    }
}
