package io.abtest.jobs.analysis.operational;

import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by experiment, variant and role (served or shadow; {@link #key}): per tumbling event-time window, the
 * variant's prediction count, error and timeout rates and latency percentiles, and for shadow predictions their
 * divergence from the served prediction of the same request (mean score difference, label disagreement rate).
 * The first input is every valid, de-duplicated prediction; the second the shadow/served pairs of the attribution
 * join, keyed to the shadow variant's shadow role.
 *
 * <p>A window is emitted when it closes ({@link AnalysisWindows}), like the per-unit metrics, so every record that may count for it has arrived and a streaming run and a batch rerun emit the same
 * rows (a histogram does not depend on the order of its records).
 */
public final class OperationalMetrics
        extends KeyedCoProcessFunction<String, PredictionEvent, ShadowDivergence, OperationalRow> {

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

    public static String key(PredictionEvent prediction) {
        return key(prediction.experimentId(), prediction.variant(), prediction.served());
    }

    public static String key(ShadowDivergence divergence) {
        return key(divergence.experimentId(), divergence.shadowVariant(), false);
    }

    @Override
    public void open(OpenContext context) {
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("operational-windows",
                LongSerializer.INSTANCE, OperationalWindowSerializer.INSTANCE));
    }

    @Override
    public void processElement1(PredictionEvent prediction, Context ctx, Collector<OperationalRow> out)
            throws Exception {
        window(prediction.eventTime(), ctx, window -> window.add(prediction));
    }

    @Override
    public void processElement2(ShadowDivergence divergence, Context ctx, Collector<OperationalRow> out)
            throws Exception {
        window(divergence.eventTime(), ctx, window -> window.add(divergence));
    }

    /** Applies {@code change} to the window of {@code eventTime}, opening it (and its timer) if new. */
    private void window(long eventTime, Context ctx, Consumer<OperationalWindow> change) throws Exception {
        long end = timing.end(eventTime);
        OperationalWindow window = windows.get(end);
        if (window == null) {
            window = new OperationalWindow();
            ctx.timerService().registerEventTimeTimer(timing.closesAt(end));
        }
        change.accept(window);
        windows.put(end, window);
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
