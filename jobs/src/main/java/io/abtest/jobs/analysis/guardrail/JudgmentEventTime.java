package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.BuiltInMetrics;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives every judgment the event time at which its window closes, {@code window_end + closingDelay}, whatever
 * timestamp it arrived with, and passes the watermarks on unchanged. The delay is 0 for a built-in guardrail's window,
 * judged as soon as the watermark passes its end ({@code GuardrailWindows}), and the allowed lateness for a configured
 * metric's judgment, made at an analysis point, which closes that much after its end ({@code AnalysisWindows}).
 * Downstream, the CEP patterns and the incident lifecycle order one guardrail's judgments by this time, which orders
 * them by window end (one guardrail's judgments all have the same delay).
 *
 * <p>Why not the timestamp they arrive with: {@code CepOperator} in event time buffers a record only when its
 * timestamp is ahead of the current watermark, and drops the others (it counts them in
 * {@code numLateRecordsDropped}). A judgment is emitted by a timer at or after its window's closing time, before the
 * watermark that fired the timer is passed on, so the closing time is ahead of every watermark that preceded it on
 * its way; an analysis point's judgment would be behind the watermark with its window end as timestamp.
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

    private final long builtInDelayMillis;
    private final long configuredMetricDelayMillis;

    private transient long watermark;
    private transient Counter behindWatermark;

    /** @param closingDelayMillis how long after its window's end (in event time) a judgment is emitted, at most */
    public JudgmentEventTime(long closingDelayMillis) {
        this(closingDelayMillis, closingDelayMillis);
    }

    /**
     * @param builtInDelayMillis the closing delay of built-in guardrails' windows (latency percentiles, rates),
     *     judged as the watermark passes their end: 0
     * @param configuredMetricDelayMillis that of configured metrics' judgments, made at analysis points, which
     *     close the allowed lateness after their end
     */
    public JudgmentEventTime(long builtInDelayMillis, long configuredMetricDelayMillis) {
        if (builtInDelayMillis < 0 || configuredMetricDelayMillis < 0) {
            throw new IllegalArgumentException("closing delays must be >= 0, were " + builtInDelayMillis + " and "
                    + configuredMetricDelayMillis);
        }
        this.builtInDelayMillis = builtInDelayMillis;
        this.configuredMetricDelayMillis = configuredMetricDelayMillis;
    }

    @Override
    public void open() throws Exception {
        super.open();
        watermark = Long.MIN_VALUE;
        behindWatermark = getMetricGroup().counter(BEHIND_WATERMARK);
    }

    @Override
    public void processElement(StreamRecord<GuardrailJudgment> element) {
        GuardrailJudgment judgment = element.getValue();
        long closesAt = judgment.windowEnd() + (BuiltInMetrics.GUARDRAIL_METRICS.contains(judgment.metric())
                ? builtInDelayMillis : configuredMetricDelayMillis);
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
