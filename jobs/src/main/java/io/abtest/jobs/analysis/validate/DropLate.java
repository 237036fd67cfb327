package io.abtest.jobs.analysis.validate;

import io.abtest.event.EventValidator;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Dead-letters events that arrive later than their experiment allows: an event whose {@code event_time} is older
 * than the current watermark minus its {@link AllowedLateness} (strictly: {@code event_time < watermark - lateness})
 * goes to {@link DeadLetterOutput#TAG} with reason {@code LATE} and its raw text truncated as the validator
 * truncates; every other event passes without its source and text ({@link ValidEvent#withoutInput()}), which no
 * operator after the input stage reads.
 *
 * <p>Where it sits: after the watermarks are assigned (it reads the watermark of its input), and before
 * {@link DeduplicateByEventId}, so a late copy of an event is dead-lettered, not counted as a duplicate, and never
 * enters the dedup state. Before the first watermark nothing is late; in {@code BATCH} execution no watermark
 * arrives before the end of the input, so a batch rerun dead-letters nothing as late.
 *
 * <p>Why it exists: windows downstream close at the watermark; an event behind it by more than the allowed lateness
 * would be silently dropped by them, which CONTRACT.md section 1 forbids.
 *
 * <p>Metrics: {@code late}, {@code dead_lettered} and {@code reason.LATE.dead_lettered} ({@link InputStageMetrics}).
 * Stateless (the watermark is the operator's).
 */
public final class DropLate extends ProcessFunction<ValidEvent, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "drop-late";
    public static final String NAME = "Dead-letter late events";

    private final ExperimentCatalog catalog;
    private final int maxRawChars;
    private final DeadLetterClock seenAt;

    private transient AllowedLateness lateness;
    private transient DeadLetterOutput deadLetters;
    private transient Counter late;

    /** Keeps {@link EventValidator#DEFAULT_MAX_RAW_CHARS} chars of late records; stamps them with UTC time. */
    public DropLate(ExperimentCatalog catalog) {
        this(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, Clock.systemUTC());
    }

    /**
     * @param catalog the experiments, for their allowed lateness
     * @param maxRawChars raw-text chars a dead-letter row keeps
     * @param clock the wall clock of {@code seen_at}; must be serializable (the JDK's clocks are)
     */
    public DropLate(ExperimentCatalog catalog, int maxRawChars, Clock clock) {
        this(catalog, maxRawChars, DeadLetterClock.wall(clock));
    }

    /** As {@link #DropLate(ExperimentCatalog, int, Clock)}, {@code seen_at} from {@code seenAt}. */
    public DropLate(ExperimentCatalog catalog, int maxRawChars, DeadLetterClock seenAt) {
        if (maxRawChars < 0) {
            throw new IllegalArgumentException("maxRawChars must be >= 0, was " + maxRawChars);
        }
        this.catalog = catalog;
        this.maxRawChars = maxRawChars;
        this.seenAt = seenAt;
    }

    @Override
    public void open(OpenContext openContext) throws IOException {
        lateness = AllowedLateness.of(catalog);
        late = getRuntimeContext().getMetricGroup().counter(InputStageMetrics.LATE);
        deadLetters = new DeadLetterOutput(getRuntimeContext().getMetricGroup(), EnumSet.of(RejectReason.LATE), seenAt.open());
    }

    @Override
    public void processElement(ValidEvent event, Context ctx, Collector<ValidEvent> out) {
        long watermark = ctx.timerService().currentWatermark();
        long allowed = lateness.millisFor(event);
        if (isLate(event.eventTime(), watermark, allowed)) {
            late.inc();
            deadLetters.send(ctx, event.source(), Rejection.of(RejectReason.LATE, null,
                    "event_time " + event.eventTime() + " is more than the allowed lateness of " + allowed
                            + " ms behind the watermark " + watermark,
                    event.rawText(), maxRawChars));
        } else {
            out.collect(event.withoutInput());
        }
    }

    /** {@code eventTime < watermark - allowedMillis}, without overflow for any watermark, including none yet. */
    static boolean isLate(long eventTime, long watermark, long allowedMillis) {
        if (watermark < Long.MIN_VALUE + allowedMillis) {
            return false;
        }
        return eventTime < watermark - allowedMillis;
    }
}
