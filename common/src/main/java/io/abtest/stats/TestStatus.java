package io.abtest.stats;

/**
 * Whether a statistical result holds numbers. Anything but {@link #OK} comes with a detail in words and null
 * (never NaN) in the fields it could not compute.
 */
public enum TestStatus {
    OK,
    /** Fewer than two units in a variant, or an empty variant. */
    NOT_ENOUGH_DATA,
    /** The standard error is zero (e.g. every unit converted in both variants): no test statistic exists. */
    ZERO_VARIANCE,
    /** Negative counts, NaN or infinite sums, a zero control mean for a relative effect, ... */
    INVALID_INPUT
}
