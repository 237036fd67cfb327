package io.abtest.config;

/**
 * A metric the analysis computes per randomization unit and tests.
 *
 * @param name as it appears in the results
 * @param kind proportion, mean or ratio
 * @param source where the per-unit value comes from: {@code values.NAME} of outcome events, or one of
 *     {@link BuiltInMetrics#SOURCES}
 * @param denominator for ratio metrics, the source of the denominator; null otherwise
 * @param direction whether higher or lower values are better
 * @param primary true for exactly one metric: the one the rollout decision rests on
 * @param covariate pre-experiment covariate source for regression adjustment (CUPED); null when none
 */
public record MetricSpec(
        String name,
        MetricKind kind,
        String source,
        String denominator,
        Direction direction,
        boolean primary,
        String covariate) {

    public enum MetricKind { PROPORTION, MEAN, RATIO }

    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }
}
