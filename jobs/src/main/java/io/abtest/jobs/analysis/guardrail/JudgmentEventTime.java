package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.GuardrailJudgment;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives every judgment the event time at which its window closes, {@code window_end + closingDelay}, whatever
 * timestamp it arrived with (its window end - 1, or the time its judging operator emitted it), and passes the
 * watermarks on unchanged. Downstream, the CEP patterns and the incident lifecycle order judgments by this time,
 * which orders them by window end: the delay is one constant for the whole job.
 *
 * <p>Why not the window end itself: {@code CepOperator} in event time buffers a record only when its timestamp is
 * ahead of the current watermark, and drops the others (it counts them in {@code numLateRecordsDropped}). A window
 * ending at {@code E} is judged when the watermark reaches {@code E + allowed lateness}, the moment it closes
 * ({@code AnalysisWindows}), so a judgment stamped {@code E - 1} would be behind the watermark when it arrives and
 * would be lost. Stamped {@code E + closingDelay} (with {@code closingDelay} at least that lateness) it is ahead of
 * every watermark that preceded it on its way, and watermarks need not be held back. Stamping {@code E - 1} and
 * delaying every watermark by the lateness would give the same order, with one more thing to get right.
 *
 * <p>A judgment that arrives when the watermark has passed its closing time anyway (a judging operator that emits
 * later than {@code closingDelay} after its window's end) is stamped one millisecond ahead of the watermark and
 * counted in {@code judgments_behind_watermark}: it is then judged in arrival order, not dropped. Stateless (the
 * watermark is the operator's).
 */
public final class JudgmentEventTime extends AbstractStreamOperator<GuardrailJudgment>
        implements OneInputStreamOperator<GuardrailJudgment, GuardrailJudgment> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "guardrail-judgment-event-time";
    public static final String NAME = "Guardrail judgments at their window's closing time";

    public static final String BEHIND_WATERMARK = "judgments_behind_watermark";

    private final long closingDelayMillis;

    private transient long watermark;
    private transient Counter behindWatermark;

    /** @param closingDelayMillis how long after its window's end (in event time) a judgment is emitted, at most */
    public JudgmentEventTime(long closingDelayMillis) {
        if (closingDelayMillis < 0) {
            throw new IllegalArgumentException("closingDelayMillis must be >= 0, was " + closingDelayMillis);
        }
        this.closingDelayMillis = closingDelayMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        behindWatermark = getMetricGroup().counter(BEHIND_WATERMARK);
    }

    @Override
    public void processElement(StreamRecord<GuardrailJudgment> element) {
        long closesAt = element.getValue().windowEnd() + closingDelayMillis;
        if (closesAt <= watermark && watermark < Long.MAX_VALUE) {
            behindWatermark.inc();
            closesAt = watermark + 1;
        }
        output.collect(element.replace(element.getValue(), closesAt));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        super.processWatermark(mark);
    }
}
