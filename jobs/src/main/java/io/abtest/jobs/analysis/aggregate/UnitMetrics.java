package io.abtest.jobs.analysis.aggregate;

import io.abtest.config.ExperimentConfig;
import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by experiment and unit: folds the unit's signals into its per-unit metric values, one tumbling event-time
 * window at a time. Events are kept per window until the window closes ({@link AnalysisWindows}: the watermark
 * passes its end plus the largest allowed lateness, when the analysis takes it), then folded in window order. An event behind the watermark but within the allowed lateness therefore still lands in its own
 * window before that window is folded, and a streaming run and a batch rerun (where every event arrives before any
 * timer fires) emit the same {@link UnitChange}s. A unit is analysed in the variant and segments of its first
 * signal (intention to treat).
 *
 * <p>A unit served a prediction of another variant (multiple exposure) is excluded from every metric of the
 * experiment: when the window of that prediction closes, one {@link UnitChange} with {@code excluded} set removes
 * everything the unit contributed ({@code before} its last emitted values, {@code after} nothing); its events in
 * that window and later are ignored. Outcomes name the variant of the prediction they are attributed to, so only
 * served predictions ({@code exposure}) count as exposures to a variant. Each exclusion is logged at DEBUG with the
 * two variants, to help find what moves units.
 *
 * <p>State: {@link UnitProfile} per unit and {@link UnitWindow} per open window, Flink POJOs (no Kryo; POJO schema
 * evolution, see {@link UnitProfile}).
 */
public final class UnitMetrics extends KeyedProcessFunction<String, UnitSignal, UnitChange> {

    public static final String UID = "unit-metrics";
    public static final String NAME = "Per-unit metric values";

    private static final Logger LOG = LoggerFactory.getLogger(UnitMetrics.class);

    private final ExperimentCatalog catalog;
    private final AnalysisWindows timing;

    private transient ValueState<UnitProfile> profile;
    private transient MapState<Long, UnitWindow> windows;

    public UnitMetrics(ExperimentCatalog catalog, long windowMillis) {
        this.catalog = catalog;
        this.timing = AnalysisWindows.of(catalog, windowMillis);
    }

    @Override
    public void open(OpenContext context) {
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("unit-profile", UnitProfile.TYPE));
        windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("unit-windows", Types.LONG, UnitWindow.TYPE));
    }

    @Override
    public void processElement(UnitSignal signal, Context ctx, Collector<UnitChange> out) throws Exception {
        UnitProfile unit = profile.value();
        if (unit == null) {
            unit = new UnitProfile();
            unit.variant = signal.variant();
            unit.segments = segments(catalog.config(signal.experimentId()), signal.attributes());
            profile.update(unit);
        }
        if (unit.removed) {
            return;
        }
        long end = timing.end(signal.eventTime());
        if (signal.exposure() && !signal.variant().equals(unit.variant) && end < unit.excludedFrom) {
            unit.excludedFrom = end;
            unit.excludedBy = signal.variant();
            profile.update(unit);
        }
        UnitWindow window = windows.get(end);
        if (window == null) {
            window = new UnitWindow();
            ctx.timerService().registerEventTimeTimer(timing.closesAt(end));
        }
        window.totals.add(signal.sources());
        window.events++;
        windows.put(end, window);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UnitChange> out) throws Exception {
        long end = timing.endClosedAt(timestamp);
        UnitWindow window = windows.get(end);
        if (window == null) {
            return;
        }
        windows.remove(end);
        UnitProfile unit = profile.value();
        if (unit.removed) {
            return;
        }
        String experimentId = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('\u0000'));
        if (end >= unit.excludedFrom) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("unit {} excluded from window end {} on: first served {}, then {}",
                        ctx.getCurrentKey().replace('\u0000', '/'), end, unit.variant,
                        unit.excludedBy == null ? "another variant" : unit.excludedBy);
            }
            out.collect(new UnitChange(experimentId, unit.variant, unit.segments, end, 0, unit.lastValues, Map.of(),
                    true, unit.firstWindowEnd));
            unit.removed = true;
            unit.lastValues = Map.of();
            unit.totals.sums.clear();
            unit.totals.maxima.clear();
            profile.update(unit);
            windows.clear();
            return;
        }
        unit.totals.absorb(window.totals);
        Map<String, UnitValue> values = unit.totals.values(catalog.config(experimentId));
        if (unit.firstWindowEnd == UnitChange.NEVER) {
            unit.firstWindowEnd = end;
        }
        out.collect(new UnitChange(experimentId, unit.variant, unit.segments, end, window.events, unit.lastValues,
                values, false, unit.firstWindowEnd));
        unit.lastValues = values;
        profile.update(unit);
    }

    private static List<String> segments(ExperimentConfig config, Map<String, String> attributes) {
        List<String> segments = new ArrayList<>();
        for (String attribute : config.segments()) {
            String value = attributes.get(attribute);
            if (value != null) {
                segments.add(attribute + "=" + value);
            }
        }
        return List.copyOf(segments);
    }
}
