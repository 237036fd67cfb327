package io.abtest.jobs.analysis.aggregate;

import io.abtest.jobs.analysis.StatelessCombiner;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The first phase of the two-phase aggregation, chained after {@link UnitMetrics} in the same subtask: folds the
 * subtask's {@link UnitChange}s into one {@link ExperimentWindowDelta} per experiment and window, and emits them
 * before it passes on the watermark that made {@link UnitMetrics} emit the changes. The per-experiment analysis
 * then receives, per window, one record per subtask instead of one per changed unit.
 *
 * <p>Stateless: the deltas are emitted on every watermark, before every checkpoint barrier
 * ({@link #prepareSnapshotPreBarrier}) and at the end of the input, so nothing is held across a checkpoint.
 * {@link UnitMetrics} emits only from event-time timers, which fire while a watermark advances, so a window's
 * changes of one subtask normally leave as one delta; when they do leave as several, the analysis merges them.
 *
 * <p>Metrics: {@code unit_changes_in} and {@code window_deltas_out}.
 */
public final class PreAggregateWindowDeltas extends StatelessCombiner<UnitChange, ExperimentWindowDelta> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "pre-aggregate-window-deltas";
    public static final String NAME = "Pre-aggregate unit changes per experiment and window";

    public static final String UNIT_CHANGES_IN = "unit_changes_in";
    public static final String WINDOW_DELTAS_OUT = "window_deltas_out";

    private record ExperimentWindow(String experimentId, long windowEnd) {}

    private transient Map<ExperimentWindow, ExperimentWindowDelta> pending;
    private transient Counter changesIn;
    private transient Counter deltasOut;

    @Override
    public void open() throws Exception {
        super.open();
        pending = new HashMap<>();
        changesIn = getMetricGroup().counter(UNIT_CHANGES_IN);
        deltasOut = getMetricGroup().counter(WINDOW_DELTAS_OUT);
    }

    @Override
    public void processElement(StreamRecord<UnitChange> element) {
        UnitChange change = element.getValue();
        changesIn.inc();
        pending.computeIfAbsent(new ExperimentWindow(change.experimentId(), change.windowEnd()),
                key -> new ExperimentWindowDelta(key.experimentId(), key.windowEnd())).add(change);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    /** Emits each delta with its window's end as timestamp (the analysis closes that window later). */
    @Override
    protected void flush() {
        if (pending.isEmpty()) {
            return;
        }
        StreamRecord<ExperimentWindowDelta> record = new StreamRecord<>(null);
        for (ExperimentWindowDelta delta : pending.values()) {
            output.collect(record.replace(delta, delta.windowEnd() - 1));
            deltasOut.inc();
        }
        pending.clear();
    }
}
