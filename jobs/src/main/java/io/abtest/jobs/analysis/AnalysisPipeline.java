package io.abtest.jobs.analysis;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDeltaSerializer;
import io.abtest.jobs.analysis.aggregate.MetricSourceValues;
import io.abtest.jobs.analysis.aggregate.PreAggregateWindowDeltas;
import io.abtest.jobs.analysis.aggregate.UnitChange;
import io.abtest.jobs.analysis.aggregate.UnitMetrics;
import io.abtest.jobs.analysis.aggregate.UnitSignal;
import io.abtest.jobs.analysis.guardrail.GuardrailIncidents;
import io.abtest.jobs.analysis.guardrail.GuardrailWindows;
import io.abtest.jobs.analysis.guardrail.StopSignals;
import io.abtest.jobs.analysis.guardrail.StoppedDecisions;
import io.abtest.jobs.analysis.join.AttributionJoin;
import io.abtest.jobs.analysis.operational.CombineWindows;
import io.abtest.jobs.analysis.operational.OperationalMetrics;
import io.abtest.jobs.analysis.operational.PartialWindow;
import io.abtest.jobs.analysis.operational.PartialWindowSerializer;
import io.abtest.jobs.analysis.records.AttributedOutcome;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.ResultRow;
import io.abtest.jobs.analysis.records.StopSignal;
import io.abtest.jobs.analysis.records.ValidEvent;
import io.abtest.jobs.analysis.results.AnalyzeExperiment;
import io.abtest.event.EventValidator;
import io.abtest.jobs.analysis.validate.DeadLetterClock;
import io.abtest.jobs.analysis.validate.DeadLetterOutput;
import io.abtest.jobs.analysis.validate.DeduplicateByEventId;
import io.abtest.jobs.analysis.validate.DropLate;
import io.abtest.jobs.analysis.validate.ParseAndValidate;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Everything between the sources and the sinks, the same for a streaming run and a batch rerun:
 * <pre>
 *   input records (parsed at the source; timestamped, watermarked per split) -> route -> drop late -> deduplicate
 *     -> served predictions ------------------------------------------+
 *     -> attribution join (outcome to served prediction, by request) -+-> per-unit metric values per window
 *                                                                          -> one delta per experiment and window
 *                                                                             per subtask (two-phase aggregation)
 *                                                                          -> per-experiment analysis
 *                                                                             -> results, aggregates, decisions
 *                                                                                -> guardrail judgments (configured metrics)
 *     -> predictions (served and shadow) + shadow/served pairs -> counted per subtask, then merged per variant,
 *                                                                  role and window -> operational
 *     -> served predictions -> counted per subtask, then merged per experiment and guardrail window
 *                                                                  -> guardrail judgments (latency, rates)
 *          guardrail judgments -> incidents (Flink CEP) -> guardrails; incidents -> alerts and STOPPED (streaming)
 *   decisions + stops (stop incidents; RUNNING/STOPPED read from the control topic when streaming) -> decisions
 *   rejections (parse, late) -> dead letters
 * </pre>
 * A batch rerun has no control topic and no live actions: it writes {@code guardrails/} and {@code decisions/} but
 * never posts an alert or writes to the control topic.
 */
public final class AnalysisPipeline {

    private final ExperimentCatalog catalog;
    private final AnalysisJobOptions options;

    public AnalysisPipeline(ExperimentCatalog catalog, AnalysisJobOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    /** A batch rerun: datasets only. */
    public void build(DataStream<InputRecord> raw, AnalysisOutputs outputs) {
        build(raw, null, outputs, null);
    }

    /**
     * @param controlSignals stops and resumptions read from the control topic; null without one (batch)
     * @param liveActions what incidents do beyond the datasets (alerts, STOPPED records); null for none (batch)
     */
    public void build(DataStream<InputRecord> raw, DataStream<StopSignal> controlSignals, AnalysisOutputs outputs,
            Consumer<DataStream<GuardrailIncident>> liveActions) {
        SingleOutputStreamOperator<ValidEvent> valid = raw
                .process(new ParseAndValidate(deadLetterClock())).uid(ParseAndValidate.UID).name(ParseAndValidate.NAME);
        SingleOutputStreamOperator<ValidEvent> inTime = valid
                .process(new DropLate(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, deadLetterClock()))
                .uid(DropLate.UID).name(DropLate.NAME);
        DataStream<ValidEvent> unique = inTime
                .keyBy(ValidEvent::eventId)
                .process(new DeduplicateByEventId(catalog, options.dedupTtl()))
                .uid(DeduplicateByEventId.UID).name(DeduplicateByEventId.NAME);
        SingleOutputStreamOperator<AttributedOutcome> attributed = unique
                .keyBy(ValidEvent::requestId)
                .process(new AttributionJoin(catalog)).uid(AttributionJoin.UID).name(AttributionJoin.NAME);

        DataStream<PredictionEvent> served = unique
                .filter(e -> e.kind() == EventKind.PREDICTION && e.prediction().served()).name("Served predictions")
                .map(ValidEvent::prediction).name("Served prediction events");

        SingleOutputStreamOperator<ResultRow> results = analysis(served, attributed);
        outputs.results(results);
        outputs.aggregates(results.getSideOutput(AnalyzeExperiment.AGGREGATES));
        GuardrailIncidents guardrails = guardrails(served, results);
        outputs.guardrails(guardrails.rows());
        outputs.decisions(decisions(results, guardrails.incidents(), controlSignals));
        if (liveActions != null) {
            liveActions.accept(guardrails.incidents());
        }
        outputs.operational(operational(unique, attributed));
        outputs.deadLetters(valid.getSideOutput(DeadLetterOutput.TAG).union(inTime.getSideOutput(DeadLetterOutput.TAG)));
    }

    /** {@code seen_at} of dead letters: when rejected (streaming); when the input was last modified (batch). */
    private DeadLetterClock deadLetterClock() {
        if (options.mode() == AnalysisJobOptions.Mode.BATCH) {
            return DeadLetterClock.inputModified(List.of(options.predictions(), options.outcomes()));
        }
        return DeadLetterClock.wall(Clock.systemUTC());
    }

    /**
     * Per-unit metric values per window, pre-aggregated per subtask into one delta per experiment and window, then
     * the per-experiment analysis: results, aggregates and decisions.
     */
    private SingleOutputStreamOperator<ResultRow> analysis(DataStream<PredictionEvent> served,
            SingleOutputStreamOperator<AttributedOutcome> attributed) {
        DataStream<UnitSignal> exposures = served.map(MetricSourceValues::ofServedPrediction).name("Exposure signals");
        DataStream<UnitSignal> outcomes = attributed.map(MetricSourceValues::ofAttributedOutcome).name("Outcome signals");
        DataStream<UnitChange> changes = exposures.union(outcomes)
                .keyBy(UnitSignal::unitKey)
                .process(new UnitMetrics(catalog, options.window().toMillis())).uid(UnitMetrics.UID).name(UnitMetrics.NAME);
        ExperimentCatalog experiments = catalog;
        DataStream<OutcomeEvent> unmatched = attributed.getSideOutput(AttributionJoin.UNMATCHED_OUTCOMES)
                .filter(o -> o.experimentId() != null && experiments.config(o.experimentId()) != null)
                .name("Unmatched outcomes of known experiments");
        DataStream<ExperimentWindowDelta> deltas = changes
                .transform(PreAggregateWindowDeltas.NAME, ExperimentWindowDeltaSerializer.TYPE,
                        new PreAggregateWindowDeltas()).uid(PreAggregateWindowDeltas.UID);
        return deltas.keyBy(ExperimentWindowDelta::experimentId)
                .connect(unmatched.keyBy(OutcomeEvent::experimentId))
                .process(new AnalyzeExperiment(catalog, options.window().toMillis()))
                .uid(AnalyzeExperiment.UID).name(AnalyzeExperiment.NAME);
    }

    /** Built-in guardrails judged per window of served predictions, configured metrics at analysis points; CEP. */
    private GuardrailIncidents guardrails(DataStream<PredictionEvent> served,
            SingleOutputStreamOperator<ResultRow> results) {
        DataStream<GuardrailJudgment> windowJudgments = served
                .transform("Count served predictions per guardrail window", PartialWindowSerializer.TYPE,
                        new CombineWindows<>(GuardrailWindows.servedPredictions(catalog),
                                GuardrailWindows.CLOSING_OFFSET))
                .uid("combine-guardrail-windows")
                .keyBy(PartialWindow::key)
                .process(new GuardrailWindows(catalog)).uid(GuardrailWindows.UID).name(GuardrailWindows.NAME);
        return GuardrailIncidents.build(
                windowJudgments.union(results.getSideOutput(AnalyzeExperiment.GUARDRAIL_JUDGMENTS)), catalog);
    }

    /** The analysis's decisions, STOP while a stop incident or the control topic has the experiment stopped. */
    private DataStream<DecisionRow> decisions(SingleOutputStreamOperator<ResultRow> results,
            DataStream<GuardrailIncident> incidents, DataStream<StopSignal> controlSignals) {
        ExperimentCatalog experiments = catalog;
        DataStream<StopSignal> stops = incidents
                .filter(GuardrailIncident::stops).name("Opened stop incidents")
                .map(incident -> StopSignals.of(incident, experiments)).returns(StopSignal.class).name("Stop signals");
        if (controlSignals != null) {
            stops = stops.union(controlSignals);
        }
        return results.getSideOutput(AnalyzeExperiment.DECISIONS)
                .keyBy(DecisionRow::experimentId)
                .connect(stops.keyBy(StopSignal::experimentId))
                .process(new StoppedDecisions()).uid(StoppedDecisions.UID).name(StoppedDecisions.NAME);
    }

    /** Predictions, served and shadow, and the shadow/served pairs of the join, per variant, role and window. */
    private DataStream<OperationalRow> operational(DataStream<ValidEvent> unique,
            SingleOutputStreamOperator<AttributedOutcome> attributed) {
        long window = options.window().toMillis();
        DataStream<PartialWindow> predictions = unique
                .filter(e -> e.kind() == EventKind.PREDICTION).name("Predictions, served and shadow")
                .map(ValidEvent::prediction).name("Prediction events")
                .transform("Count predictions per variant, role and window", PartialWindowSerializer.TYPE,
                        new CombineWindows<>(OperationalMetrics.predictions(catalog, window),
                                OperationalMetrics.closingOffset(catalog)))
                .uid("combine-operational-predictions");
        DataStream<PartialWindow> divergences = attributed.getSideOutput(AttributionJoin.SHADOW_DIVERGENCES)
                .transform("Count shadow pairs per variant and window", PartialWindowSerializer.TYPE,
                        new CombineWindows<>(OperationalMetrics.divergences(catalog, window),
                                OperationalMetrics.closingOffset(catalog)))
                .uid("combine-operational-divergences");
        return predictions.union(divergences)
                .keyBy(PartialWindow::key)
                .process(new OperationalMetrics(catalog, window))
                .uid(OperationalMetrics.UID).name(OperationalMetrics.NAME);
    }
}
