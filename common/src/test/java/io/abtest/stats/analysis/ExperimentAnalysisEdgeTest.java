package io.abtest.stats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.stats.TestStatus;
import io.abtest.stats.decision.Verdict;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decision at the edges of the metric's scale: a negative control mean, every value shifted by a constant, a
 * control mean of exactly 0 in the primary metric or in a segment.
 */
class ExperimentAnalysisEdgeTest {

    private static final Instant AS_OF = Instant.parse("2026-11-25T00:00:00Z");
    private static final Duration AFTER_MINIMUM = Duration.ofDays(8);

    private static ExperimentConfig config(String kind, String direction, String... extra) {
        return ExperimentConfigLoader.parse(String.join("\n",
                "experiment_id: edges",
                "hash_salt: edges",
                "variants:",
                "  - {name: champion, weight: 50, control: true}",
                "  - {name: challenger, weight: 50}",
                "metrics:",
                "  - {name: primary, kind: " + kind + ", source: values.primary, direction: " + direction
                        + ", primary: true}",
                "  - {name: errors, kind: proportion, source: error, direction: lower_is_better}",
                "minimum_detectable_effect: 0.02",
                "minimum_sample_size: 1000",
                "minimum_duration: 7d",
                String.join("\n", extra),
                ""), "edges.yaml");
    }

    /** A mean metric's summary with the given mean and standard deviation (the co-moment is (n - 1) sd^2). */
    private static SufficientStatistics mean(long n, double mean, double sd) {
        return SufficientStatistics.of(n, mean, 1, 0, (n - 1) * sd * sd, 0, 0, 0, 0, 0);
    }

    /** A proportion's summary: {@code converted} of n units are 1. */
    private static SufficientStatistics proportion(long n, long converted) {
        double p = (double) converted / n;
        return SufficientStatistics.of(n, p, 1, 0, n * p * (1 - p), 0, 0, 0, 0, 0);
    }

    private static AnalysisInput input(Map<SummaryKey, SufficientStatistics> summaries, long unitsPerVariant) {
        return new AnalysisInput(AS_OF, AFTER_MINIMUM,
                Map.of("champion", unitsPerVariant, "challenger", unitsPerVariant),
                Map.of("champion", 50.0, "challenger", 50.0), summaries, List.of(), 0, true);
    }

    private static Map<SummaryKey, SufficientStatistics> primaryOnly(SufficientStatistics control,
            SufficientStatistics treatment) {
        return new HashMap<>(Map.of(
                new SummaryKey("champion", "primary", null), control,
                new SummaryKey("challenger", "primary", null), treatment));
    }

    private static AnalysisReport analyze(ExperimentConfig config, Map<SummaryKey, SufficientStatistics> summaries,
            long units) {
        return ExperimentAnalysis.analyze(config, input(summaries, units), AnalysisState.INITIAL);
    }

    @Test
    void aHigherMeanIsBetterAlsoBelowZero() {
        AnalysisReport report = analyze(config("mean", "higher_is_better"),
                primaryOnly(mean(20_000, -10, 2), mean(20_000, -9, 2)), 20_000);
        assertEquals(Verdict.ROLLOUT, report.decision().verdict(), report.decision().justification());
        assertEquals("challenger", report.decision().variant());
        assertTrue(report.decision().justification().startsWith("challenger lifts primary by +1.000 absolute"),
                report.decision().justification());

        AnalysisReport lowerIsBetter = analyze(config("mean", "lower_is_better"),
                primaryOnly(mean(20_000, -10, 2), mean(20_000, -9, 2)), 20_000);
        assertEquals(Verdict.KEEP_CHAMPION, lowerIsBetter.decision().verdict(), lowerIsBetter.decision().justification());
        assertEquals(4, lowerIsBetter.decision().rule());
    }

    /**
     * Adding a constant to every value of a mean metric moves both means and nothing else: the difference, both
     * p-values and the verdict stay. Shifts cross 0 and reach far from the data's spread.
     */
    @Test
    void shiftingEveryValueByAConstantChangesNoTestAndNoDecision() {
        ExperimentConfig config = config("mean", "higher_is_better");
        for (double[] effect : new double[][] {{-10, -9.9}, {-10, -10.12}, {-10, -9.95}, {0, 0.1}}) {
            AnalysisReport reference = analyze(config,
                    primaryOnly(mean(20_000, effect[0], 2), mean(20_000, effect[1], 2)), 20_000);
            ComparisonResult expected = reference.results().get(0);
            for (double shift : new double[] {-1e6, -30, -10, 10, 30, 1e4}) {
                AnalysisReport shifted = analyze(config,
                        primaryOnly(mean(20_000, effect[0] + shift, 2), mean(20_000, effect[1] + shift, 2)), 20_000);
                ComparisonResult row = shifted.results().get(0);
                String what = "effect " + effect[0] + " -> " + effect[1] + " shifted by " + shift;
                assertEquals(TestStatus.OK, row.status(), what);
                double scale = Math.abs(shift) * 1e-12 + 1e-12;
                assertEquals(expected.fixed().estimate().difference(), row.fixed().estimate().difference(),
                        scale, what);
                assertEquals(expected.fixed().pValue(), row.fixed().pValue(), 1e-6 * expected.fixed().pValue() + 1e-12,
                        what);
                assertEquals(expected.alwaysValidPValue(), row.alwaysValidPValue(),
                        1e-6 * expected.alwaysValidPValue() + 1e-12, what);
                assertEquals(reference.decision().verdict(), shifted.decision().verdict(), what);
                assertEquals(reference.decision().rule(), shifted.decision().rule(), what);
            }
        }
    }

    @Test
    void aPrimaryProportionRisingFromZeroIsDecided() {
        AnalysisReport report = analyze(config("proportion", "higher_is_better"),
                primaryOnly(proportion(20_000, 0), proportion(20_000, 1_000)), 20_000);
        ComparisonResult row = report.results().get(0);
        assertEquals(TestStatus.OK, row.status(), row.toString());
        assertNotNull(row.sequential().absoluteInterval());
        assertTrue(row.alwaysValidPValue() < 1e-100, row.toString());
        assertEquals(Verdict.ROLLOUT, report.decision().verdict(), report.decision().justification());

        AnalysisReport falling = analyze(config("proportion", "lower_is_better"),
                primaryOnly(proportion(20_000, 0), proportion(20_000, 1_000)), 20_000);
        assertEquals(Verdict.KEEP_CHAMPION, falling.decision().verdict(), falling.decision().justification());
    }

    /** Rates 0 and 1 leave the estimate no variance, but the pooled z test has a p-value: so must the sequential one. */
    @Test
    void everyUnitConvertingAgainstNoneHasAnAlwaysValidPValue() {
        AnalysisReport report = analyze(config("proportion", "higher_is_better"),
                primaryOnly(proportion(500, 0), proportion(500, 500)), 500);
        ComparisonResult row = report.results().get(0);
        assertNotNull(row.fixed().pValue(), row.toString());
        assertNotNull(row.sequential().pValue(), row.toString());
        assertTrue(row.sequential().pValue() < 1e-50, row.toString());
    }

    @Test
    void aSegmentHarmedFromZeroErrorsBlocksTheRollout() {
        Map<SummaryKey, SufficientStatistics> summaries = primaryOnly(proportion(20_000, 2_000),
                proportion(20_000, 2_600));
        summaries.put(new SummaryKey("champion", "errors", null), proportion(20_000, 100));
        summaries.put(new SummaryKey("challenger", "errors", null), proportion(20_000, 350));
        summaries.put(new SummaryKey("champion", "errors", "tier=free"), proportion(5_000, 0));
        summaries.put(new SummaryKey("challenger", "errors", "tier=free"), proportion(5_000, 250));
        AnalysisReport report = analyze(config("proportion", "higher_is_better", "segments: [tier]"), summaries,
                20_000);
        ComparisonResult segment = report.results().stream()
                .filter(r -> "tier=free".equals(r.segment())).findFirst().orElseThrow();
        assertEquals(TestStatus.OK, segment.status(), segment.toString());
        assertTrue(segment.adjustedAlwaysValidPValue() < 1e-20, segment.toString());
        assertEquals(Verdict.KEEP_CHAMPION, report.decision().verdict(), report.decision().justification());
        assertEquals(8, report.decision().rule());
        assertTrue(report.decision().justification().contains("it harms segment tier=free on errors (+0.05000 absolute"),
                report.decision().justification());
    }

    /** The tuning moves the narrowest point of the sequence, and is a configuration key like any other. */
    @Test
    void theSequentialTuningUnitsSetWhereTheConfidenceSequenceIsNarrowest() {
        Map<SummaryKey, SufficientStatistics> summaries = primaryOnly(mean(50_000, 10, 2), mean(50_000, 10.01, 2));
        double atDefault = width(analyze(config("mean", "higher_is_better"), summaries, 50_000));
        double tunedHere = width(analyze(config("mean", "higher_is_better", "sequential_tuning_units: 50000"),
                summaries, 50_000));
        double tunedFar = width(analyze(config("mean", "higher_is_better", "sequential_tuning_units: 5000000"),
                summaries, 50_000));
        assertTrue(tunedHere < atDefault && tunedHere < tunedFar,
                "tuned at 1,000: " + atDefault + ", at 50,000: " + tunedHere + ", at 5,000,000: " + tunedFar);
    }

    private static double width(AnalysisReport report) {
        ComparisonResult row = report.results().get(0);
        return row.sequential().absoluteInterval().high() - row.sequential().absoluteInterval().low();
    }
}
