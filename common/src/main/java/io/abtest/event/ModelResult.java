package io.abtest.event;

/**
 * What serving code observed of one model call, the part of a prediction event that is not routing.
 *
 * @param latencyMs serving latency, >= 0
 * @param status ok, error or timeout
 * @param score model output (probability or regression value), null when none
 * @param predictedLabel model output class, null when none
 */
public record ModelResult(double latencyMs, PredictionStatus status, Double score, String predictedLabel) {

    public static ModelResult ok(double latencyMs, Double score, String predictedLabel) {
        return new ModelResult(latencyMs, PredictionStatus.OK, score, predictedLabel);
    }
}
