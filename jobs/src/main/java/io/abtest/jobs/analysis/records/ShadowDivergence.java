package io.abtest.jobs.analysis.records;

/**
 * A shadow prediction ({@code served=false}) paired with the served prediction of the same request.
 *
 * @param experimentId the experiment
 * @param servedVariant the variant whose answer the unit saw
 * @param shadowVariant the variant computed in the shadow
 * @param requestId the request
 * @param eventTime the served prediction's event time
 * @param scoreDifference shadow score minus served score; null unless both have a score
 * @param labelDisagrees whether the predicted labels differ; null unless both have a label
 */
public record ShadowDivergence(
        String experimentId,
        String servedVariant,
        String shadowVariant,
        String requestId,
        long eventTime,
        Double scoreDifference,
        Boolean labelDisagrees) {}
