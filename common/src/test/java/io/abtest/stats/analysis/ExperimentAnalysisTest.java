package io.abtest.stats.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Summaries with a known effect in, result rows and a decision out. */
class ExperimentAnalysisTest {

    private static final ExperimentConfig CONFIG = ExperimentConfigLoader.parse(String.join("\n",
            "experiment_id: analysis",
            "hash_salt: analysis",
            "variants:",
            "  - {name: champion, weight: 50, control: true}",
            "  - {name: challenger, weight: 50}",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "  - {name: revenue, kind: mean, source: values.revenue, direction: higher_is_better}",
            "minimum_detectable_effect: 0.05",
            "minimum_sample_size: 1000",
            "minimum_duration: 7d",
            "segments: [country]",
            ""), "analysis.yaml");

    private static final Instant AS_OF = Instant.parse("2026-11-25T00:00:00Z");

    /** Per variant: Bernoulli(rate) conversions and exponential revenue, split over two countries. */
    private static Map<SummaryKey, SufficientStatistics> summaries(long seed, int units, double controlRate, double treatmentRate) {
        return summaries(seed, units, controlRate, treatmentRate, 20);
    }

    /** The same, with the challenger's mean revenue in {@code country=DE} set to {@code challengerRevenueInDe}. */
    private static Map<SummaryKey, SufficientStatistics> summaries(long seed, int units, double controlRate,
            double treatmentRate, double challengerRevenueInDe) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<SummaryKey, SufficientStatistics> summaries = new HashMap<>();
        for (String variant : List.of("champion", "challenger")) {
            double rate = variant.equals("champion") ? controlRate : treatmentRate;
            for (int i = 0; i < units; i++) {
                String segment = "country=" + (i % 3 == 0 ? "DE" : "US");
                double converted = random.nextDouble() < rate ? 1 : 0;
                double meanRevenue = variant.equals("challenger") && segment.equals("country=DE")
                        ? challengerRevenueInDe : 20;
                double revenue = -Math.log(1 - random.nextDouble()) * meanRevenue;
                for (String s : new String[] {null, segment}) {
                    summaries.merge(new SummaryKey(variant, "converted", s), SufficientStatistics.ofUnit(converted),
                            SufficientStatistics::merge);
                    summaries.merge(new SummaryKey(variant, "revenue", s), SufficientStatistics.ofUnit(revenue),
                            SufficientStatistics::merge);
                }
            }
        }
        return summaries;
    }

    private static AnalysisInput input(Map<SummaryKey, SufficientStatistics> summaries, long controlUnits,
            long treatmentUnits, Duration elapsed) {
        return new AnalysisInput(AS_OF, elapsed, Map.of("champion", controlUnits, "challenger", treatmentUnits),
                Map.of("champion", 50.0, "challenger", 50.0), summaries, List.of(), 20_000, true);
    }

    @Test
    void aSegmentSignificantlyHarmedAfterCorrectionBlocksTheRolloutAndIsNamed() {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(1, 20_000, 0.10, 0.13, 12), 20_000, 20_000, Duration.ofDays(8)), AnalysisState.INITIAL);

        ComparisonResult germany = report.results().stream()
                .filter(r -> r.metric().equals("revenue") && "country=DE".equals(r.segment())).findFirst().orElseThrow();
        assertTrue(germany.adjustedAlwaysValidPValue() < 0.05, "harm survives the correction");
        assertEquals(Verdict.KEEP_CHAMPION, report.decision().verdict());
        assertEquals(8, report.decision().rule());
        assertTrue(report.decision().justification().contains("it harms segment country=DE on revenue"),
                report.decision().justification());
        assertTrue(!report.decision().justification().contains("country=US on revenue"),
                report.decision().justification());
    }

    @Test
    void aStrongLiftAfterTheMinimumDurationIsRolledOut() {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(1, 20_000, 0.10, 0.13), 20_000, 20_000, Duration.ofDays(8)), AnalysisState.INITIAL);

        // 2 metrics x (all units + DE + US) x 1 treatment
        assertEquals(6, report.results().size());
        ComparisonResult primary = report.results().get(0);
        assertEquals("converted", primary.metric());
        assertNull(primary.segment());
        assertEquals(TestStatus.OK, primary.status());
        assertEquals(20_000, primary.fixed().estimate().controlN());
        assertEquals(0.3, primary.fixed().estimate().relative(), 0.06);
        assertTrue(primary.alwaysValidPValue() < 1e-6, "always-valid p " + primary.alwaysValidPValue());
        for (ComparisonResult row : report.results()) {
            assertTrue(row.adjustedFixedPValue() >= row.fixed().pValue(), row.toString());
            assertTrue(row.adjustedAlwaysValidPValue() >= row.alwaysValidPValue(), row.toString());
            assertTrue(row.alwaysValidPValue() >= row.fixed().pValue(), "always-valid is the more conservative");
        }
        assertEquals(List.of("country=DE", "country=US"),
                report.results().subList(1, 3).stream().map(ComparisonResult::segment).toList());
        assertEquals(Verdict.ROLLOUT, report.decision().verdict(), report.decision().justification());
        assertEquals("challenger", report.decision().variant());
        assertTrue(report.decision().justification().startsWith("challenger lifts converted by +"),
                report.decision().justification());
    }

    @Test
    void theSameLiftBeforeTheMinimumDurationIsExtended() {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(1, 20_000, 0.10, 0.13), 20_000, 20_000, Duration.ofDays(2)), AnalysisState.INITIAL);
        assertEquals(Verdict.EXTEND, report.decision().verdict());
        assertEquals(6, report.decision().rule());
    }

    @Test
    void aSampleRatioMismatchMakesTheDecisionInconclusive() {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(1, 20_000, 0.10, 0.13), 20_000, 18_500, Duration.ofDays(8)), AnalysisState.INITIAL);
        assertTrue(report.sequentialSampleRatio().mismatch());
        assertEquals(Verdict.INCONCLUSIVE, report.decision().verdict());
        assertTrue(report.results().get(0).srmPValue() < 0.001);
    }

    @Test
    void theRunningMinimumCarriesOverAnalysisPoints() {
        AnalysisReport first = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(3, 5_000, 0.10, 0.13), 5_000, 5_000, Duration.ofDays(1)), AnalysisState.INITIAL);
        AnalysisReport second = ExperimentAnalysis.analyze(CONFIG,
                input(summaries(4, 5_000, 0.10, 0.10), 5_000, 5_000, Duration.ofDays(2)), first.next());
        double before = first.results().get(0).alwaysValidPValue();
        assertTrue(second.results().get(0).sequential().pValue() > before, "the new point alone is weaker");
        assertEquals(before, second.results().get(0).alwaysValidPValue(), 0.0);
    }

    @Test
    void anEmptyExperimentGivesRowsWithStatusesAndNoException() {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG, input(Map.of(), 0, 0, Duration.ZERO),
                AnalysisState.INITIAL);
        assertEquals(2, report.results().size());
        for (ComparisonResult row : report.results()) {
            assertEquals(TestStatus.NOT_ENOUGH_DATA, row.status(), row.toString());
            assertNull(row.fixed().pValue());
            assertNull(row.alwaysValidPValue());
        }
        assertNotNull(report.decision());
        assertEquals(Verdict.EXTEND, report.decision().verdict());
    }
}
