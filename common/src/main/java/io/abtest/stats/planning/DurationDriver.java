package io.abtest.stats.planning;

/** What sets an experiment's planned duration. */
public enum DurationDriver {
    /** The days until every variant reaches its planned units; at least the minimum duration. */
    SAMPLE_SIZE,
    /** The configured minimum duration, longer than the sample needs (e.g. to cover weekly cycles). */
    MINIMUM_DURATION
}
