package io.abtest.shadow;

/**
 * What a model answer reports: the {@code score} and {@code predicted_label} fields of CONTRACT.md section 1.
 * Serving code turns its own output type into this with the function it gives
 * {@link ShadowRunnerBuilder#output}, so the runner stays independent of any model library.
 *
 * @param score model output as a number (probability or regression value), or null when the model has none
 * @param predictedLabel model output class, for classifiers, or null
 * @see io.abtest.event.PredictionEvent
 */
public record ModelOutput(Double score, String predictedLabel) {

    /** No score and no label: the default when the builder is given no output function. */
    public static final ModelOutput NONE = new ModelOutput(null, null);

    public static ModelOutput score(double score) {
        return new ModelOutput(score, null);
    }

    public static ModelOutput label(String predictedLabel) {
        return new ModelOutput(null, predictedLabel);
    }
}
