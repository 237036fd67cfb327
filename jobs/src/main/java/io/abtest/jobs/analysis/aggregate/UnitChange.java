package io.abtest.jobs.analysis.aggregate;

import java.util.List;
import java.util.Map;

/**
 * A unit's metric values at the end of an event-time window in which it had events, with the values it had at the
 * end of its previous such window, so the experiment's cumulative summaries can replace the one by the other.
 *
 * @param experimentId the experiment
 * @param variant the variant the unit was first exposed to (intention to treat)
 * @param segments {@code attribute=value} of the configured segment attributes the unit had at first exposure
 * @param windowEnd epoch milliseconds (exclusive end of the window)
 * @param events events of the unit in this window
 * @param before metric name to value at the end of the unit's previous window; empty for a new unit
 * @param after metric name to value at the end of this window; empty when the unit is excluded
 * @param excluded true once, when the unit was served a second variant: {@code before} then holds everything the
 *     unit contributed (possibly nothing), {@code after} is empty, and the unit emits nothing afterwards
 * @param firstWindowEnd the window end of the unit's first change (where it was counted as a new unit);
 *     {@link Long#MIN_VALUE} for an excluded unit that never had one
 */
public record UnitChange(
        String experimentId,
        String variant,
        List<String> segments,
        long windowEnd,
        long events,
        Map<String, UnitValue> before,
        Map<String, UnitValue> after,
        boolean excluded,
        long firstWindowEnd) {

    /** No first window: the unit was excluded before any change of it was emitted. */
    public static final long NEVER = Long.MIN_VALUE;

    /** A change of a unit still analysed. */
    public UnitChange(String experimentId, String variant, List<String> segments, long windowEnd, long events,
            Map<String, UnitValue> before, Map<String, UnitValue> after) {
        this(experimentId, variant, segments, windowEnd, events, before, after, false,
                before.isEmpty() ? windowEnd : NEVER);
    }

    public boolean newUnit() {
        return !excluded && firstWindowEnd == windowEnd;
    }

    /** Whether this unit was counted as a new unit at some analysis point (at {@code firstWindowEnd}). */
    public boolean counted() {
        return firstWindowEnd != NEVER;
    }
}
