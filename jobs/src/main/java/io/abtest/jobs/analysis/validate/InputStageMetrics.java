package io.abtest.jobs.analysis.validate;

/**
 * Names of the counters the input stage registers in its operators' metric groups (Flink's metric system: the web
 * UI, the Prometheus reporter). Each operator counts only what it decides, so the counts balance across operators:
 *
 * <pre>
 * records_in (ParseAndValidate)
 *     = records_used (DeduplicateByEventId)
 *     + dead_lettered (ParseAndValidate) + dead_lettered (DropLate)
 *     + duplicates (DeduplicateByEventId)
 * </pre>
 *
 * Summed over the parallel subtasks of each operator, once the stage has drained; {@code late} equals DropLate's
 * {@code dead_lettered}. Every {@code dead_lettered} counter has one sibling per reason code in the subgroup
 * {@code reason} (for Prometheus a label {@code reason="MISSING_FIELD"}), and the reason counters of an operator sum to
 * its {@code dead_lettered}.
 */
public final class InputStageMetrics {

    /** Records read from the sources, valid or not. */
    public static final String RECORDS_IN = "records_in";

    /** Events that leave the input stage: valid, on time, first of their {@code event_id}. */
    public static final String RECORDS_USED = "records_used";

    /** Records sent to the dead-letter output, for any reason. */
    public static final String DEAD_LETTERED = "dead_lettered";

    /** The subgroup key under which one {@link #DEAD_LETTERED} counter per reason code sits. */
    public static final String REASON_GROUP = "reason";

    /** Later repetitions of an {@code event_id} already seen, dropped. */
    public static final String DUPLICATES = "duplicates";

    /** Events older than the watermark minus their allowed lateness, dead-lettered with reason {@code LATE}. */
    public static final String LATE = "late";

    private InputStageMetrics() {}
}
