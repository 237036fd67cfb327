package io.abtest.jobs.analysis;

import io.abtest.event.OutcomeEvent;
import io.abtest.jobs.analysis.aggregate.MetricSourceValues;
import io.abtest.jobs.analysis.aggregate.UnitChange;
import io.abtest.jobs.analysis.aggregate.UnitMetrics;
import io.abtest.jobs.analysis.aggregate.UnitSignal;
import io.abtest.jobs.analysis.join.AttributionJoin;
import io.abtest.jobs.analysis.operational.OperationalMetrics;
import io.abtest.jobs.analysis.records.AttributedOutcome;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import io.abtest.jobs.analysis.records.ResultRow;
import io.abtest.jobs.analysis.records.ValidEvent;
import io.abtest.jobs.analysis.results.AnalyzeExperiment;
import io.abtest.jobs.analysis.validate.DeadLetterOutput;
import io.abtest.jobs.analysis.validate.DeduplicateByEventId;
import io.abtest.jobs.analysis.validate.DropLate;
import io.abtest.jobs.analysis.validate.ParseAndValidate;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Everything between the sources and the sinks, the same for a streaming run and a batch rerun:
 * <pre>
 *   raw records (timestamped, watermarked per source split) -> parse and validate -> drop late -> deduplicate
 *     -> served predictions ------------------------------------------+
 *     -> attribution join (outcome to served prediction, by request) -+-> per-unit metric values per window
 *                                                                          -> per-experiment analysis
 *                                                                             -> results, aggregates, decisions
 *     -> predictions (served and shadow) + shadow/served pairs -> per variant, role and window -> operational
 *   rejections (parse, late) -> dead letters
 * </pre>
 */
public final class AnalysisPipeline {

    private final ExperimentCatalog catalog;
    private final AnalysisJobOptions options;

    public AnalysisPipeline(ExperimentCatalog catalog, AnalysisJobOptions options) {
        this.catalog = catalog;
        this.options = options;
    }

    public void build(DataStream<RawRecord> raw, AnalysisOutputs outputs) {
        SingleOutputStreamOperator<ValidEvent> valid = raw
                .process(new ParseAndValidate(catalog)).uid(ParseAndValidate.UID).name(ParseAndValidate.NAME);
        SingleOutputStreamOperator<ValidEvent> inTime = valid
                .process(new DropLate(catalog)).uid(DropLate.UID).name(DropLate.NAME);
        DataStream<ValidEvent> unique = inTime
                .keyBy(ValidEvent::eventId)
                .process(new DeduplicateByEventId(options.dedupTtl()))
                .uid(DeduplicateByEventId.UID).name(DeduplicateByEventId.NAME);

        DataStream<UnitSignal> exposures = unique
                .filter(e -> e.kind() == EventKind.PREDICTION && e.prediction().served()).name("Served predictions")
                .map(e -> MetricSourceValues.ofServedPrediction(e.prediction())).name("Exposure signals");
        SingleOutputStreamOperator<AttributedOutcome> attributed = unique
                .keyBy(ValidEvent::requestId)
                .process(new AttributionJoin(catalog)).uid(AttributionJoin.UID).name(AttributionJoin.NAME);
        DataStream<UnitSignal> outcomes = attributed.map(MetricSourceValues::ofAttributedOutcome).name("Outcome signals");

        DataStream<UnitChange> changes = exposures.union(outcomes)
                .keyBy(UnitSignal::unitKey)
                .process(new UnitMetrics(catalog, options.window().toMillis())).uid(UnitMetrics.UID).name(UnitMetrics.NAME);
        ExperimentCatalog experiments = catalog;
        DataStream<OutcomeEvent> unmatched = attributed.getSideOutput(AttributionJoin.UNMATCHED_OUTCOMES)
                .filter(o -> o.experimentId() != null && experiments.config(o.experimentId()) != null)
                .name("Unmatched outcomes of known experiments");
        SingleOutputStreamOperator<ResultRow> results = changes.keyBy(UnitChange::experimentId)
                .connect(unmatched.keyBy(OutcomeEvent::experimentId))
                .process(new AnalyzeExperiment(catalog, options.window().toMillis()))
                .uid(AnalyzeExperiment.UID).name(AnalyzeExperiment.NAME);

        outputs.results(results);
        outputs.aggregates(results.getSideOutput(AnalyzeExperiment.AGGREGATES));
        outputs.decisions(results.getSideOutput(AnalyzeExperiment.DECISIONS));
        outputs.operational(unique
                .filter(e -> e.kind() == EventKind.PREDICTION).name("Predictions, served and shadow")
                .map(ValidEvent::prediction).name("Prediction events")
                .keyBy(OperationalMetrics::key)
                .connect(attributed.getSideOutput(AttributionJoin.SHADOW_DIVERGENCES).keyBy(OperationalMetrics::key))
                .process(new OperationalMetrics(catalog, options.window().toMillis()))
                .uid(OperationalMetrics.UID).name(OperationalMetrics.NAME));
        DataStream<DeadLetter> deadLetters = valid.getSideOutput(DeadLetterOutput.TAG)
                .union(inTime.getSideOutput(DeadLetterOutput.TAG));
        outputs.deadLetters(deadLetters);
    }

}
