package io.abtest.jobs.analysis.aggregate;

import java.util.Map;

/**
 * What one event adds to one unit's metric sources: a served prediction (the unit's exposure: requests, latency,
 * errors) or an attributed outcome (values, label-based quality metrics).
 *
 * @param experimentId the experiment
 * @param unitId the randomization unit
 * @param variant the variant that served the unit
 * @param attributes the unit's attributes at that request (segments are taken from the first exposure)
 * @param eventTime epoch milliseconds
 * @param exposure true for a served prediction
 * @param sources metric source name (as {@code MetricSpec.source()} spells it) to this event's value
 */
public record UnitSignal(
        String experimentId,
        String unitId,
        String variant,
        Map<String, String> attributes,
        long eventTime,
        boolean exposure,
        Map<String, Double> sources) {

    public String unitKey() {
        return experimentId + '\u0000' + unitId;
    }
}
