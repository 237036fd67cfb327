package io.abtest.jobs.analysis.validate;

import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.records.DeadLetter;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.OutputTag;

/**
 * The dead-letter side output of the input stage's operators: every rejection becomes a {@link DeadLetter} row on
 * {@link #TAG}, stamped with the time it was seen ({@link DeadLetterClock}), and is counted in the operator's metric group as
 * {@code dead_lettered} and {@code reason.<CODE>.dead_lettered}.
 *
 * <p>The per-reason counters are registered up front, so a dashboard shows a zero rather than a missing series
 * before the first rejection of a kind. Built in {@code open()}: it holds Flink counters, which do not travel.
 */
public final class DeadLetterOutput {

    /**
     * The side output both {@link ParseAndValidate} and {@link DropLate} write to; the job unions the two side
     * streams into {@code dead_letter/}.
     */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final MetricGroup metrics;
    private final Clock clock;
    private final Counter total;
    private final Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);

    /**
     * @param metrics the operator's metric group
     * @param reasons the reasons this operator can produce, registered at once; others are registered when first seen
     * @param clock the clock of {@link DeadLetter#seenAtMillis()}
     */
    public DeadLetterOutput(MetricGroup metrics, Collection<RejectReason> reasons, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.total = metrics.counter(InputStageMetrics.DEAD_LETTERED);
        reasons.forEach(this::reasonCounter);
    }

    /** Counts {@code rejection} and writes it to the side output. */
    public void send(ProcessFunction<?, ?>.Context ctx, String source, Rejection rejection) {
        total.inc();
        reasonCounter(rejection.reason()).inc();
        ctx.output(TAG, new DeadLetter(source, rejection.code(), rejection.field(), rejection.detail(),
                rejection.rawText(), rejection.rawTruncated(), clock.millis()));
    }

    private Counter reasonCounter(RejectReason reason) {
        return byReason.computeIfAbsent(reason, r ->
                metrics.addGroup(InputStageMetrics.REASON_GROUP, r.name()).counter(InputStageMetrics.DEAD_LETTERED));
    }
}
