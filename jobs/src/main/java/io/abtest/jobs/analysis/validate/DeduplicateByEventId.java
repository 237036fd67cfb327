package io.abtest.jobs.analysis.validate;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.ValidEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts each event once: keyed by {@code event_id}, it passes the first event of an id and drops (and counts) the
 * later ones, which producers send when they retry. It is the last operator of the input stage, so what it passes
 * is what the analysis uses.
 *
 * <p>State: one flag per id seen, in keyed {@link ValueState}, and one event-time timer. An id is forgotten as soon as
 * no copy of its event could still count: when the watermark passes {@code event_time + allowed_lateness} (the
 * event's experiment's, {@link AllowedLateness}). From then on {@link DropLate}, upstream, dead-letters every copy
 * as LATE before it gets here (this operator's watermark never runs ahead of DropLate's), so forgetting the id
 * changes no count, and the state holds the ids of the last allowed lateness of event time (plus the sources'
 * out-of-orderness), not of the whole run. A time-to-live ({@link #DEFAULT_TTL}, 48 hours of processing time from
 * the first sighting, unless the constructor says otherwise) bounds it too, for a watermark that stops advancing
 * (an idle or stuck source); past it a copy that arrives passes as new. Expired flags are never read, and Flink's
 * background cleanup removes them.
 *
 * <p>Metrics: {@code duplicates} and {@code records_used} ({@link InputStageMetrics}).
 */
public final class DeduplicateByEventId extends KeyedProcessFunction<String, ValidEvent, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "deduplicate-by-event-id";
    public static final String NAME = "Deduplicate by event_id";

    /** How long an {@code event_id} is remembered unless configured otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(48);

    private final ExperimentCatalog catalog;
    private final Duration ttl;

    private transient AllowedLateness lateness;

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient Counter recordsUsed;

    public DeduplicateByEventId(ExperimentCatalog catalog) {
        this(catalog, DEFAULT_TTL);
    }

    /**
     * @param catalog the experiments, for their allowed lateness
     * @param ttl how long (processing time) an id is remembered at most after its first event, > 0
     */
    public DeduplicateByEventId(ExperimentCatalog catalog, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        this.catalog = catalog;
        this.ttl = ttl;
    }

    public Duration ttl() {
        return ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        lateness = AllowedLateness.of(catalog);
        duplicates = getRuntimeContext().getMetricGroup().counter(InputStageMetrics.DUPLICATES);
        recordsUsed = getRuntimeContext().getMetricGroup().counter(InputStageMetrics.RECORDS_USED);
    }

    @Override
    public void processElement(ValidEvent event, Context ctx, Collector<ValidEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        long allowed = lateness.millisFor(event);
        long countsUntil = event.eventTime() > Long.MAX_VALUE - allowed ? Long.MAX_VALUE : event.eventTime() + allowed;
        if (countsUntil < Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(countsUntil + 1);
        }
        recordsUsed.inc();
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ValidEvent> out) {
        seen.clear();
    }
}
