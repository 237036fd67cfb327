package io.abtest.jobs.analysis.operational;

import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by experiment, variant and role (served or shadow; {@link #key}): per tumbling event-time window, the
 * variant's prediction count, error and timeout rates and latency percentiles, and for shadow predictions their
 * divergence from the served prediction of the same request (mean score difference, label disagreement rate).
 * Its input is {@link PartialWindow}s: every valid, de-duplicated prediction ({@link #predictions}) and the
 * shadow/served pairs of the attribution join ({@link #divergences}, keyed to the shadow variant's shadow role),
 * counted per subtask by a {@link CombineWindows} chained before the shuffle, and merged here.
 *
 * <p>A window is emitted when it closes ({@link AnalysisWindows}), like the per-unit metrics, so every record that
 * may count for it has arrived and a streaming run and a batch rerun emit the same rows (a histogram does not
 * depend on the order of its records).
 */
public final class OperationalMetrics extends KeyedProcessFunction<String, PartialWindow, OperationalRow> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "operational-metrics";
    public static final String NAME = "Operational metrics per variant and window";

    private static final char SEPARATOR = '\u0000';

    private final AnalysisWindows timing;

    private transient MapState<Long, OperationalWindow> windows;

    public OperationalMetrics(ExperimentCatalog catalog, long windowMillis) {
        this.timing = AnalysisWindows.of(catalog, windowMillis);
    }

    public static String key(String experimentId, String variant, boolean served) {
        return experimentId + SEPARATOR + variant + SEPARATOR + served;
    }

    /** A window ending at {@code end} is emitted when the watermark reaches {@code end} plus the allowed lateness. */
    public static long closingOffset(ExperimentCatalog catalog) {
        return AnalysisWindows.of(catalog, 1).latenessMillis();
    }

    /** Each prediction in its variant and role's window. */
    public static PartialWindowAssigner<PredictionEvent> predictions(ExperimentCatalog catalog, long windowMillis) {
        AnalysisWindows timing = AnalysisWindows.of(catalog, windowMillis);
        return (prediction, slots) -> slots.window(key(prediction.experimentId(), prediction.variant(),
                prediction.served()), prediction.variant(), timing.windowMillis(), timing.end(prediction.eventTime()))
                .add(prediction);
    }

    /** Each shadow/served pair in the shadow variant's shadow window. */
    public static PartialWindowAssigner<ShadowDivergence> divergences(ExperimentCatalog catalog, long windowMillis) {
        AnalysisWindows timing = AnalysisWindows.of(catalog, windowMillis);
        return (divergence, slots) -> slots.window(key(divergence.experimentId(), divergence.shadowVariant(), false),
                divergence.shadowVariant(), timing.windowMillis(), timing.end(divergence.eventTime()))
                .add(divergence);
    }

    @Override
    public void open(OpenContext context) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("operational-windows",
                LongSerializer.INSTANCE, OperationalWindowSerializer.INSTANCE));
    }

    @Override
    public void processElement(PartialWindow partial, Context ctx, Collector<OperationalRow> out) throws Exception {
        OperationalWindow window = windows.get(partial.end());
        if (window == null) {
            windows.put(partial.end(), partial.window());
            ctx.timerService().registerEventTimeTimer(timing.closesAt(partial.end()));
        } else {
            window.merge(partial.window());
            windows.put(partial.end(), window);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OperationalRow> out) throws Exception {
        long end = timing.endClosedAt(timestamp);
        OperationalWindow window = windows.get(end);
        if (window == null) {
            return;
        }
        windows.remove(end);
        String[] parts = ctx.getCurrentKey().split(String.valueOf(SEPARATOR), -1);
        out.collect(window.toRow(parts[0], parts[1], Boolean.parseBoolean(parts[2]), timing.start(end), end));
    }
}
