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
 * @param after metric name to value at the end of this window
 */
public record UnitChange(
        String experimentId,
        String variant,
        List<String> segments,
        long windowEnd,
        long events,
        Map<String, UnitValue> before,
        Map<String, UnitValue> after) {

    public boolean newUnit() {
        return before.isEmpty();
    }
}
