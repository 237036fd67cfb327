package io.abtest.jobs.analysis.validate;

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
 * <p>State: one flag per id seen, in keyed {@link ValueState} with a time-to-live ({@link #DEFAULT_TTL}, 48 hours,
 * unless the constructor says otherwise). Flink's state TTL counts processing (wall-clock) time from the first
 * sighting, the write; a repeat does not extend it. Past the TTL an id is forgotten and a copy that arrives
 * afterwards passes as new: choose a TTL longer than producers' retry horizon plus any replay of the sources.
 * Expired flags are never read, and Flink's default background cleanup removes them (incrementally on access with
 * the heap backend, during compaction with RocksDB), so the state stays bounded by the ids of one TTL.
 *
 * <p>Metrics: {@code duplicates} and {@code records_used} ({@link InputStageMetrics}).
 */
public final class DeduplicateByEventId extends KeyedProcessFunction<String, ValidEvent, ValidEvent> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "deduplicate-by-event-id";
    public static final String NAME = "Deduplicate by event_id";

    /** How long an {@code event_id} is remembered unless configured otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(48);

    private final Duration ttl;

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient Counter recordsUsed;

    public DeduplicateByEventId() {
        this(DEFAULT_TTL);
    }

    /** @param ttl how long an id is remembered after its first event, > 0 */
    public DeduplicateByEventId(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
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
        recordsUsed.inc();
        out.collect(event);
    }
}
