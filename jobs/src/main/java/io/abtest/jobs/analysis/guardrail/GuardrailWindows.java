package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.GuardrailSpec;
import io.abtest.config.Variant;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.operational.CombineWindows;
import io.abtest.jobs.analysis.operational.OperationalWindow;
import io.abtest.jobs.analysis.operational.OperationalWindowSerializer;
import io.abtest.jobs.analysis.operational.PartialWindow;
import io.abtest.jobs.analysis.operational.PartialWindowAssigner;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.stats.guardrail.LatencyGuardrail;
import io.abtest.stats.guardrail.RateGuardrail;
import io.abtest.stats.guardrail.WindowJudgment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by experiment: judges the built-in guardrails ({@code latency_p50/p95/p99},
 * {@code error_rate}, {@code timeout_rate}; {@link GuardrailSpec#builtIn()}) per variant over each guardrail's own
 * event-time windows, and emits one {@link GuardrailJudgment} per (variant, guardrail) and window: the input of the
 * incident pattern. The input is the served predictions after validation, lateness and de-duplication, counted
 * per subtask, window length, window and variant by a {@link CombineWindows} before the shuffle
 * ({@link #servedPredictions}), so a busy experiment's predictions are counted on every subtask and merged here;
 * shadow predictions ({@code served = false}) are skipped, since no unit saw them.
 *
 * <p><b>Windows.</b> A guardrail's {@code window} (5m, 10m, ...), tumbling and aligned to the epoch, not the
 * analysis window. Per distinct guardrail window length of the experiment and window end, each variant's
 * predictions, errors, timeouts and latency histogram are kept ({@link OperationalWindow}, the counts and
 * HdrHistogram of {@code operational/}). A window is judged when the watermark passes its end (an event-time timer
 * at end - 1): it does not wait for the analysis's allowed lateness, so a guardrail pages as soon as its window is
 * complete by the watermark, and that window's state is cleared at once. Judgments carry the timestamp end - 1.
 *
 * <p><b>Late predictions.</b> A prediction whose window has already been judged (the watermark is at or past its
 * end - 1) is left out of that window and counted in {@value #PREDICTIONS_AFTER_JUDGMENT}, once per window
 * length it missed; it still counts in the windows of other lengths still open, in {@code results/} and in
 * {@code operational/} (which wait for the allowed lateness). Predictions later than the allowed lateness never
 * get here: they are dead-lettered before.
 *
 * <p><b>What is judged.</b> At a window's end, every built-in guardrail of that window length is judged for every
 * variant of the experiment's configuration (in configuration order, guardrails in configuration order), by
 * {@link RateGuardrail} or {@link LatencyGuardrail} at the experiment's {@code alpha}. A guardrail relative to the
 * control skips the control (it is never judged against itself); an absolute one judges the control like any
 * variant. A variant that served nothing in a window the experiment served in, or fewer than {@code min_events}
 * predictions (or whose control did, for a relative guardrail), gets NOT_JUDGED with its count in {@code events}:
 * every configured variant has a judgment for every window of the experiment, so the incident pattern sees a gap
 * (a variant stopped or ramped to 0) as a NOT_JUDGED window, which neither breaches nor heals, rather than as
 * nothing. A window in which the experiment served nothing at all has no state and no judgments.
 *
 * <p><b>Metrics</b> (operator scope): {@value #WINDOWS_JUDGED} (judgments BREACH or HEALTHY),
 * {@value #WINDOWS_NOT_JUDGED}, {@value #BREACHES}, {@value #PREDICTIONS_AFTER_JUDGMENT}.
 *
 * <p><b>State</b>: a map from {@link GuardrailWindowKey} (length, end, variant) to {@link OperationalWindow}, with
 * explicit serializers ({@link GuardrailWindowKeySerializer}, {@link OperationalWindowSerializer}); only windows
 * not yet judged are held. Experiments without built-in guardrails keep none.
 */
public final class GuardrailWindows extends KeyedProcessFunction<String, PartialWindow, GuardrailJudgment> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "guardrail-windows";
    public static final String NAME = "Judge guardrail windows";

    public static final String WINDOWS_JUDGED = "windows_judged";
    public static final String WINDOWS_NOT_JUDGED = "windows_not_judged";
    public static final String BREACHES = "breaches";
    public static final String PREDICTIONS_AFTER_JUDGMENT = "predictions_after_judgment";

    /** A window ending at {@code end} is judged when the watermark reaches {@code end - 1}. */
    public static final long CLOSING_OFFSET = -1;

    /** The windows not yet judged, per experiment. */
    static final MapStateDescriptor<GuardrailWindowKey, OperationalWindow> WINDOWS = new MapStateDescriptor<>(
            "guardrail-windows", GuardrailWindowKeySerializer.INSTANCE, OperationalWindowSerializer.INSTANCE);

    private final ExperimentCatalog catalog;

    private transient MapState<GuardrailWindowKey, OperationalWindow> windows;
    private transient Counter judged;
    private transient Counter notJudged;
    private transient Counter breaches;
    private transient Counter afterJudgment;

    public GuardrailWindows(ExperimentCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Each served prediction of a known experiment, in its variant's window of each built-in guardrail window
     * length of the experiment, keyed by experiment: the combiner before this operator ({@link CombineWindows}).
     */
    public static PartialWindowAssigner<PredictionEvent> servedPredictions(ExperimentCatalog catalog) {
        Map<String, long[]> lengths = new HashMap<>();
        for (ExperimentConfig config : catalog.configs().values()) {
            lengths.put(config.experimentId(), lengthsOf(config));
        }
        return (prediction, slots) -> {
            long[] experimentLengths = prediction.served() ? lengths.get(prediction.experimentId()) : null;
            if (experimentLengths == null) {
                return;
            }
            for (long length : experimentLengths) {
                slots.window(prediction.experimentId(), prediction.variant(), length,
                        AnalysisWindows.end(prediction.eventTime(), length)).add(prediction);
            }
        };
    }

    @Override
    public void open(OpenContext context) {
        windows = getRuntimeContext().getMapState(WINDOWS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        judged = metrics.counter(WINDOWS_JUDGED);
        notJudged = metrics.counter(WINDOWS_NOT_JUDGED);
        breaches = metrics.counter(BREACHES);
        afterJudgment = metrics.counter(PREDICTIONS_AFTER_JUDGMENT);
    }

    @Override
    public void processElement(PartialWindow partial, Context ctx, Collector<GuardrailJudgment> out)
            throws Exception {
        if (partial.end() + CLOSING_OFFSET <= ctx.timerService().currentWatermark()) {
            afterJudgment.inc(partial.window().predictions());
            return;
        }
        GuardrailWindowKey key = new GuardrailWindowKey(partial.lengthMillis(), partial.end(), partial.variant());
        OperationalWindow window = windows.get(key);
        if (window == null) {
            windows.put(key, partial.window());
            ctx.timerService().registerEventTimeTimer(partial.end() + CLOSING_OFFSET);
        } else {
            window.merge(partial.window());
            windows.put(key, window);
        }
    }

    /** The distinct window lengths of the experiment's built-in guardrails, ascending. */
    private static long[] lengthsOf(ExperimentConfig config) {
        return config.guardrails().stream().filter(GuardrailSpec::builtIn)
                .mapToLong(g -> g.window().toMillis()).distinct().sorted().toArray();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GuardrailJudgment> out) throws Exception {
        long end = timestamp + 1;
        Map<Long, Map<String, OperationalWindow>> variantsByLength = new TreeMap<>();
        List<GuardrailWindowKey> ending = new ArrayList<>();
        for (Map.Entry<GuardrailWindowKey, OperationalWindow> entry : windows.entries()) {
            GuardrailWindowKey key = entry.getKey();
            if (key.end() == end) {
                ending.add(key);
                variantsByLength.computeIfAbsent(key.lengthMillis(), length -> new HashMap<>())
                        .put(key.variant(), entry.getValue());
            }
        }
        for (GuardrailWindowKey key : ending) {
            windows.remove(key);
        }
        ExperimentConfig config = catalog.config(ctx.getCurrentKey());
        if (config == null) {
            return;
        }
        variantsByLength.forEach((length, variants) -> judge(config, length, end, variants, out));
    }

    private void judge(ExperimentConfig config, long length, long end, Map<String, OperationalWindow> variants,
            Collector<GuardrailJudgment> out) {
        OperationalWindow control = variants.computeIfAbsent(config.control().name(), name -> new OperationalWindow());
        for (GuardrailSpec guardrail : config.guardrails()) {
            if (!guardrail.builtIn() || guardrail.window().toMillis() != length) {
                continue;
            }
            for (Variant variant : config.variants()) {
                if (guardrail.relativeToControl() && variant.control()) {
                    continue;
                }
                OperationalWindow window = variants.computeIfAbsent(variant.name(), name -> new OperationalWindow());
                WindowJudgment judgment = judge(guardrail, config.alpha(), window, control);
                count(judgment);
                out.collect(GuardrailJudgment.of(config.experimentId(), variant.name(), guardrail, end - length, end,
                        judgment, window.predictions()));
            }
        }
    }

    private static WindowJudgment judge(GuardrailSpec guardrail, double alpha, OperationalWindow variant,
            OperationalWindow control) {
        return switch (guardrail.metric()) {
            case "error_rate" -> RateGuardrail.judge(guardrail, alpha,
                    new RateGuardrail.Counts(variant.errors(), variant.predictions()),
                    new RateGuardrail.Counts(control.errors(), control.predictions()));
            case "timeout_rate" -> RateGuardrail.judge(guardrail, alpha,
                    new RateGuardrail.Counts(variant.timeouts(), variant.predictions()),
                    new RateGuardrail.Counts(control.timeouts(), control.predictions()));
            default -> {
                double percentile = LatencyGuardrail.percentileOf(guardrail.metric());
                yield LatencyGuardrail.judge(guardrail,
                        new LatencyGuardrail.Percentile(variant.predictions(), variant.percentileMs(percentile)),
                        new LatencyGuardrail.Percentile(control.predictions(), control.percentileMs(percentile)));
            }
        };
    }

    private void count(WindowJudgment judgment) {
        if (judgment.verdict() == WindowJudgment.Verdict.NOT_JUDGED) {
            notJudged.inc();
            return;
        }
        judged.inc();
        if (judgment.breached()) {
            breaches.inc();
        }
    }
}
