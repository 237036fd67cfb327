package io.abtest.event;

/**
 * Why an input record went to the dead-letter output (CONTRACT.md section 1, "Bad input"). The enum name is the
 * machine-readable reason code written to {@code dead_letter/}; renaming a constant is a breaking change.
 *
 * <p>{@link EventValidator} reports the first problem it finds: the text, the object, required fields in contract
 * order, types, values (empty, negative latency, status, event time before 2000, number out of range; in contract
 * order of the fields), experiment, variant. {@link #LATE} and {@link #FUTURE_EVENT_TIME} need a watermark or a
 * clock, so the Flink job assigns them. New codes are appended, so the ordinals of the existing ones never change.
 */
public enum RejectReason {
    /**
     * The text is not one JSON value: syntax error, empty or null text, trailing content, or a duplicate key. Also a
     * Parquet row whose JSON-string {@code attributes} or {@code values} column holds such text; the field then names
     * that column.
     */
    MALFORMED_JSON,
    /** The text is JSON, but not an object ({@code [..]}, {@code "..."}, {@code 42}, {@code null}). */
    NOT_AN_OBJECT,
    /** A required field is absent or JSON {@code null}. */
    MISSING_FIELD,
    /** A required string field is empty or only whitespace. */
    EMPTY_FIELD,
    /**
     * A field has the wrong JSON type: a number where a string is expected, a non-integral or out-of-range
     * {@code event_time}, a number that overflows a double, a non-string attribute value, a non-number outcome value.
     */
    WRONG_TYPE,
    /** {@code latency_ms} is below zero. */
    NEGATIVE_LATENCY,
    /** {@code status} is a string other than {@code ok}, {@code error} or {@code timeout} (case-sensitive). */
    INVALID_STATUS,
    /** {@code experiment_id} names no configured experiment (for outcomes: only when the field is present). */
    UNKNOWN_EXPERIMENT,
    /** {@code variant} is not a variant of the prediction's experiment. */
    UNKNOWN_VARIANT,
    /**
     * The record arrived later (in event time) than the experiment's allowed lateness. Never produced by
     * {@link EventValidator}, which sees one record without a watermark: the Flink job assigns it to records its
     * windows have already closed for.
     */
    LATE,
    /**
     * The record's {@code event_time} is further ahead of the wall clock than the job's maximum event-time skew (a
     * client clock running ahead, microseconds sent as milliseconds). Never produced by {@link EventValidator}, which
     * knows no clock: the Flink job assigns it where it reads the record, so the record's time never reaches the
     * watermark.
     */
    FUTURE_EVENT_TIME,
    /**
     * {@code event_time} is before 2000-01-01T00:00:00Z ({@link EventValidator#EARLIEST_EVENT_TIME}): seconds sent as
     * milliseconds, an unset clock, a negative or zero time.
     */
    EVENT_TIME_BEFORE_2000,
    /**
     * A number field ({@code latency_ms}, {@code score}, a {@code values} entry) has a magnitude above 2^53
     * ({@link EventValidator#MAX_NUMBER_MAGNITUDE}), where the statistics' sums would lose every smaller value or
     * overflow.
     */
    NUMBER_OUT_OF_RANGE
}
