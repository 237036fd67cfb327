package io.abtest.stats.analysis;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.config.Variant;
import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.decision.ChallengerEvidence;
import io.abtest.stats.decision.DecisionInput;
import io.abtest.stats.decision.RolloutDecision;
import io.abtest.stats.decision.SegmentEvidence;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.fixed.FixedHorizonTests;
import io.abtest.stats.multiple.AdjustedPValues;
import io.abtest.stats.multiple.MultipleTestingCorrections;
import io.abtest.stats.sequential.AlwaysValidPValue;
import io.abtest.stats.sequential.AsymptoticConfidenceSequence;
import io.abtest.stats.sequential.SequentialResult;
import io.abtest.stats.srm.SampleRatioMismatch;
import io.abtest.stats.srm.SampleRatioMismatchResult;
import io.abtest.stats.srm.SequentialSampleRatioMismatch;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One analysis point of one experiment, from accumulated summaries to results and a decision:
 * <ol>
 *   <li>the sample-ratio checks (fixed chi-square for display, always-valid for the decision);</li>
 *   <li>per metric, segment (all units first, then each segment in sorted order) and treatment: the metric
 *       kind's fixed-horizon test and its always-valid companion ({@link AsymptoticConfidenceSequence}), whose
 *       running minimum is kept in {@link AnalysisState};</li>
 *   <li>the configured multiple-testing correction over the whole family of rows, for the fixed-horizon and the
 *       always-valid p-values separately;</li>
 *   <li>the rollout decision from the primary metric's rows, the segment rows, SRM and guardrails.</li>
 * </ol>
 * Deterministic in its inputs (row order included), so a streaming run and a batch rerun that reach the same
 * summaries produce the same rows.
 *
 * <p>The always-valid test is the asymptotic confidence sequence of Waudby-Smith et al., tuned before any data by
 * the configuration alone: narrowest at {@code sequential_tuning_units} per variant (by default the minimum sample
 * size) at the configured alpha. It is scale-free and uses neither the control's mean nor the relative MDE, so it
 * exists whenever the fixed-horizon test has a p-value (a control mean of 0 included), and shifting every value of
 * a mean metric by a constant changes neither p-value. The tuning does not follow the data, as the sequence's
 * guarantee needs.
 */
public final class ExperimentAnalysis {

    private ExperimentAnalysis() {}

    public static AnalysisReport analyze(ExperimentConfig config, AnalysisInput input, AnalysisState state) {
        List<Variant> variants = config.variants();
        long[] units = variants.stream().mapToLong(v -> input.unitsByVariant().getOrDefault(v.name(), 0L)).toArray();
        double[] weights = variants.stream().mapToDouble(v -> input.weightsInForce().getOrDefault(v.name(), 0.0)).toArray();
        SampleRatioMismatchResult srm = SampleRatioMismatch.withDefaults().test(units, weights);
        SequentialSampleRatioMismatchResult sequentialSrm =
                SequentialSampleRatioMismatch.withDefaults().test(units, weights, state.sampleRatio());

        String control = config.control().name();
        List<Comparison> comparisons = new ArrayList<>();
        Map<SummaryKey, AlwaysValidPValue> minima = new HashMap<>(state.alwaysValid());
        for (MetricSpec metric : config.metrics()) {
            for (String segment : segmentsOf(metric.name(), input)) {
                for (Variant treatment : variants) {
                    if (treatment.control()) {
                        continue;
                    }
                    SummaryKey key = new SummaryKey(treatment.name(), metric.name(), segment);
                    Comparison comparison = compare(config, metric, input.summaries().getOrDefault(
                            new SummaryKey(control, metric.name(), segment), SufficientStatistics.EMPTY),
                            input.summaries().getOrDefault(key, SufficientStatistics.EMPTY), key, state);
                    minima.put(key, comparison.minimum());
                    comparisons.add(comparison);
                }
            }
        }

        AdjustedPValues fixedAdjusted = MultipleTestingCorrections.adjust(config.correction(),
                comparisons.stream().map(c -> c.fixed().pValue()).toList());
        AdjustedPValues alwaysValidAdjusted = MultipleTestingCorrections.adjust(config.correction(),
                comparisons.stream().map(Comparison::alwaysValidPValue).toList());
        Double srmPValue = sequentialSrm.runningMinimumPValue();
        List<ComparisonResult> rows = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            rows.add(new ComparisonResult(config.experimentId(), input.asOf(), c.key().metric(), c.key().segment(),
                    control, c.key().variant(), c.fixed(), c.sequential(), c.alwaysValidPValue(),
                    adjustedAt(fixedAdjusted, i), adjustedAt(alwaysValidAdjusted, i), srmPValue, c.status()));
        }

        AnalysisState next = new AnalysisState(minima, sequentialSrm);
        return new AnalysisReport(rows, srm, sequentialSrm, RolloutDecision.decide(decisionInput(config, input, rows,
                sequentialSrm)), next);
    }

    /** All units (null) first, then every segment the summaries hold for this metric, sorted. */
    private static List<String> segmentsOf(String metric, AnalysisInput input) {
        TreeSet<String> segments = new TreeSet<>();
        input.summaries().keySet().stream()
                .filter(k -> k.metric().equals(metric) && k.segment() != null)
                .forEach(k -> segments.add(k.segment()));
        List<String> all = new ArrayList<>();
        all.add(null);
        all.addAll(segments);
        return all;
    }

    private record Comparison(SummaryKey key, FixedHorizonResult fixed, SequentialResult sequential,
            AlwaysValidPValue minimum, boolean observed) {

        Double alwaysValidPValue() {
            return observed ? minimum.value() : null;
        }

        TestStatus status() {
            return fixed.status() != TestStatus.OK ? fixed.status() : sequential.status();
        }
    }

    private static Comparison compare(ExperimentConfig config, MetricSpec metric, SufficientStatistics control,
            SufficientStatistics treatment, SummaryKey key, AnalysisState state) {
        FixedHorizonResult fixed = FixedHorizonTests.test(metric.kind(), metric.covariate() != null, control,
                treatment, config.alpha());
        SequentialResult sequential = AsymptoticConfidenceSequence
                .plannedFor(2 * config.sequentialTuningUnits(), config.alpha()).test(fixed, config.alpha());
        AlwaysValidPValue before = state.alwaysValid(key);
        AlwaysValidPValue after = before.observe(sequential);
        boolean observed = state.alwaysValid().containsKey(key) || sequential.pValue() != null;
        return new Comparison(key, fixed, sequential, after, observed);
    }

    private static Double adjustedAt(AdjustedPValues adjusted, int index) {
        return adjusted.adjusted() == null || adjusted.adjusted().isEmpty() ? null : adjusted.adjusted().get(index);
    }

    private static DecisionInput decisionInput(ExperimentConfig config, AnalysisInput input, List<ComparisonResult> rows,
            SequentialSampleRatioMismatchResult srm) {
        MetricSpec primary = config.primaryMetric();
        List<ChallengerEvidence> challengers = new ArrayList<>();
        List<SegmentEvidence> segments = new ArrayList<>();
        for (ComparisonResult row : rows) {
            MetricSpec metric = config.metrics().stream().filter(m -> m.name().equals(row.metric())).findFirst().orElseThrow();
            if (row.segment() == null && Objects.equals(row.metric(), primary.name())) {
                Estimate e = row.fixed().estimate();
                challengers.add(new ChallengerEvidence(row.treatmentVariant(), row.metric(), metric.direction(),
                        e == null ? 0 : e.controlN(), e == null ? 0 : e.treatmentN(), row.fixed(), row.sequential(),
                        row.adjustedAlwaysValidPValue()));
            } else if (row.segment() != null) {
                Estimate e = row.fixed().estimate();
                segments.add(new SegmentEvidence(row.treatmentVariant(), row.segment(), row.metric(), metric.direction(),
                        e == null ? null : e.controlMean(), e == null ? null : e.difference(),
                        e == null ? null : e.relative(),
                        row.adjustedAlwaysValidPValue()));
            }
        }
        return new DecisionInput(config.experimentId(), config.alpha(), input.elapsed(), config.minimumDuration(),
                config.minimumSampleSize(), input.plannedUnitsPerVariant(), srm.runningMinimumPValue(), srm.mismatch(),
                input.rampComplete(), challengers, input.breaches(), segments, input.multipleExposureUnits(),
                input.unitsExposed(), config.maxMultipleExposure());
    }
}
