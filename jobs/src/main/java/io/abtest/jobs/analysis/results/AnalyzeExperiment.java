package io.abtest.jobs.analysis.results;

import io.abtest.config.ExperimentConfig;
import io.abtest.event.OutcomeEvent;
import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDeltaSerializer;
import io.abtest.jobs.analysis.guardrail.MetricGuardrailJudgments;
import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.ResultRow;
import io.abtest.stats.analysis.AnalysisInput;
import io.abtest.stats.analysis.AnalysisReport;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.analysis.ExperimentAnalysis;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.decision.Decision;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by experiment, the second phase of the two-phase aggregation: merges the window's
 * {@link ExperimentWindowDelta}s (one per upstream subtask, whatever the number of units) and, when the window
 * closes, applies them to the cumulative per (variant, metric, segment) summaries, replacing each changed unit's
 * previous values by its current ones ({@link ExperimentProgress#absorb}), runs the
 * statistics engine ({@link ExperimentAnalysis}) and emits the {@code results/} rows (main output), the
 * {@code aggregates/} rows and, when the decision changes, a {@code decisions/} row (side outputs). At the end of a
 * bounded input (the final watermark) the decision of the last analysis point is written too (with that point's
 * numbers), so a batch rerun always ends with the decision its last results support. The guardrails on configured
 * metrics are judged from the results, at most once per their window ({@link MetricGuardrailJudgments}), to the
 * side output {@link #GUARDRAIL_JUDGMENTS}.
 * The second input counts outcomes that matched no prediction, per window.
 *
 * <p>A unit served more than one variant arrives as an exclusion in a delta: its values leave every summary,
 * it is counted in {@code multiple_exposure_units}, and it leaves the SRM counts (when it was counted since the
 * weights last changed), so the SRM check judges the units still analysed.
 *
 * <p>A window is analysed when the watermark passes its end plus the largest allowed lateness: only then has every
 * record that may still count for it arrived (the attribution join declares an outcome unmatched at that point), so
 * a streaming run and a batch rerun analyse the same data. Results therefore trail event time by the allowed
 * lateness.
 */
public final class AnalyzeExperiment extends KeyedCoProcessFunction<String, ExperimentWindowDelta, OutcomeEvent, ResultRow> {

    public static final String UID = "analyze-experiment";
    public static final String NAME = "Analyze experiment per window";
    public static final OutputTag<AggregateRow> AGGREGATES = new OutputTag<>("aggregates") {};
    public static final OutputTag<DecisionRow> DECISIONS = new OutputTag<>("decisions") {};
    public static final OutputTag<GuardrailJudgment> GUARDRAIL_JUDGMENTS = new OutputTag<>("guardrail-judgments") {};

    private static final long END_OF_INPUT = Long.MAX_VALUE;

    private final ExperimentCatalog catalog;
    private final AnalysisWindows timing;

    private transient ValueState<ExperimentProgress> progress;
    private transient MapState<Long, ExperimentWindowDelta> pending;

    public AnalyzeExperiment(ExperimentCatalog catalog, long windowMillis) {
        this.catalog = catalog;
        this.timing = AnalysisWindows.of(catalog, windowMillis);
    }

    @Override
    public void open(OpenContext context) {
        progress = getRuntimeContext().getState(new ValueStateDescriptor<>("experiment-progress",
                ExperimentProgressSerializer.INSTANCE));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-windows", LongSerializer.INSTANCE,
                ExperimentWindowDeltaSerializer.INSTANCE));
    }

    @Override
    public void processElement1(ExperimentWindowDelta delta, Context ctx, Collector<ResultRow> out) throws Exception {
        ExperimentWindowDelta window = pending.get(delta.windowEnd());
        if (window == null) {
            pending.put(delta.windowEnd(), delta);
            registerTimers(delta.windowEnd(), ctx);
        } else {
            window.merge(delta);
            pending.put(delta.windowEnd(), window);
        }
    }

    @Override
    public void processElement2(OutcomeEvent unmatched, Context ctx, Collector<ResultRow> out) throws Exception {
        long end = timing.end(unmatched.eventTime());
        ExperimentProgress p = progress.value();
        if (p != null && end <= p.lastAnalysisAsOf) {
            end = timing.end(p.lastAnalysisAsOf);
        }
        ExperimentWindowDelta window = pending.get(end);
        if (window == null) {
            window = new ExperimentWindowDelta(ctx.getCurrentKey(), end);
            registerTimers(end, ctx);
        }
        window.countUnmatchedOutcome();
        pending.put(end, window);
    }

    private void registerTimers(long end, Context ctx) {
        ctx.timerService().registerEventTimeTimer(timing.closesAt(end));
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ResultRow> out) throws Exception {
        String experimentId = ctx.getCurrentKey();
        ExperimentProgress p = progress.value();
        if (timestamp == END_OF_INPUT) {
            if (p != null && p.latestDecision != null && p.lastDecisionAsOf != p.lastAnalysisAsOf) {
                ctx.output(DECISIONS, p.latestDecision);
                p.lastDecisionAsOf = p.lastAnalysisAsOf;
                progress.update(p);
            }
            return;
        }
        long end = timing.endClosedAt(timestamp);
        ExperimentWindowDelta window = pending.get(end);
        if (window == null) {
            return;
        }
        pending.remove(end);
        if (p == null) {
            p = new ExperimentProgress();
        }
        ExperimentConfig config = catalog.config(experimentId);
        p.startMillis = Math.min(p.startMillis, timing.start(end));

        Map<String, Double> weights = WeightsInForce.at(config, end - 1);
        if (!weights.equals(p.weights)) {
            p.weights = weights;
            p.unitsSinceWeightsChanged.clear();
            p.weightsSinceEnd = end;
            p.analysis = new AnalysisState(p.analysis.alwaysValid(), null);
        }
        p.absorb(window);
        Map<SummaryKey, Long> events = window.eventsPerSummary(config.metrics());

        Map<String, Long> units = new HashMap<>(p.unitsSinceWeightsChanged);
        SufficientStatistics control = p.summaries.get(SummaryKey.overall(config.control().name(),
                config.primaryMetric().name()));
        AnalysisInput input = new AnalysisInput(java.time.Instant.ofEpochMilli(end), Duration.ofMillis(end - p.startMillis),
                units, weights, p.summaries, List.of(), PlugInPlan.unitsPerVariant(config, control),
                WeightsInForce.rampComplete(config, end - 1), p.multipleExposureUnits, p.unitsExposed);
        AnalysisReport report = ExperimentAnalysis.analyze(config, input, p.analysis);
        long previousAsOf = p.lastAnalysisAsOf;
        p.analysis = report.next();
        p.lastAnalysisAsOf = end;

        TreeMap<SummaryKey, SufficientStatistics> sorted = new TreeMap<>(Comparator
                .comparing(SummaryKey::variant).thenComparing(SummaryKey::metric)
                .thenComparing(SummaryKey::segment, Comparator.nullsFirst(Comparator.naturalOrder())));
        sorted.putAll(p.summaries);
        sorted.forEach((key, summary) -> ctx.output(AGGREGATES, ResultRows.of(experimentId, key, summary,
                timing.start(end), end, events.getOrDefault(key, 0L), window.unmatchedOutcomes())));
        for (ComparisonResult result : report.results()) {
            out.collect(ResultRows.of(result, end, p.multipleExposureUnits));
        }
        for (GuardrailJudgment judgment : MetricGuardrailJudgments.at(config, report.results(), p.startMillis,
                previousAsOf, end)) {
            ctx.output(GUARDRAIL_JUDGMENTS, judgment);
        }
        Decision decision = report.decision();
        String decisionKey = decision.verdict() + "|" + decision.variant() + "|" + decision.rule();
        p.latestDecision = ResultRows.of(experimentId, decision, end,
                report.sequentialSampleRatio().runningMinimumPValue());
        if (!decisionKey.equals(p.lastDecisionKey)) {
            p.lastDecisionKey = decisionKey;
            p.lastDecisionAsOf = end;
            ctx.output(DECISIONS, p.latestDecision);
        }
        progress.update(p);
    }
}
