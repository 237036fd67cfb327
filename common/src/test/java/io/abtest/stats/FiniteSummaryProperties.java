package io.abtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.stats.analysis.AnalysisInput;
import io.abtest.stats.analysis.AnalysisReport;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.analysis.ExperimentAnalysis;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.fixed.DeltaMethodRatioTest;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.fixed.RegressionAdjustment;
import io.abtest.stats.fixed.RelativeLift;
import io.abtest.stats.fixed.TwoProportionZTest;
import io.abtest.stats.fixed.WelchTTest;
import io.abtest.stats.sequential.AsymptoticConfidenceSequence;
import io.abtest.stats.sequential.MixtureSprt;
import io.abtest.stats.sequential.SequentialResult;
import io.abtest.stats.srm.SampleRatioMismatch;
import io.abtest.stats.srm.SampleRatioMismatchResult;
import io.abtest.stats.srm.SequentialSampleRatioMismatch;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * README, "Bad input never throws": for any finite summaries, over the whole double range (huge, tiny, subnormal
 * and mixed magnitudes, consistent or not), every test and a whole analysis return a result without an exception,
 * every field that claims a number holds a finite one, and a field left null has a status and a detail that say
 * why. Also: wherever a fixed-horizon test has a p-value, its always-valid companion has one.
 */
class FiniteSummaryProperties {


    private static final ExperimentConfig CONFIG = ExperimentConfigLoader.parse(String.join("\n",
            "experiment_id: finite",
            "hash_salt: finite",
            "variants:",
            "  - {name: champion, weight: 50, control: true}",
            "  - {name: challenger, weight: 30}",
            "  - {name: third, weight: 20}",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "  - {name: revenue, kind: mean, source: values.revenue, direction: lower_is_better}",
            "  - {name: per_request, kind: ratio, source: values.revenue, denominator: requests, direction: higher_is_better}",
            "  - {name: adjusted, kind: mean, source: values.revenue, direction: higher_is_better, covariate: values.pre}",
            "minimum_detectable_effect: 0.02",
            "segments: [country]",
            ""), "finite.yaml");

    record Pair(SufficientStatistics control, SufficientStatistics treatment, double alpha) {}

    @Property(tries = 3000)
    void everyFixedHorizonTestAndItsAlwaysValidCompanionStayFinite(@ForAll("pairs") Pair pair) {
        List<BiFunction<SufficientStatistics, SufficientStatistics, FixedHorizonResult>> tests = List.of(
                (c, t) -> TwoProportionZTest.test(c, t, pair.alpha()),
                (c, t) -> WelchTTest.test(c, t, pair.alpha()),
                (c, t) -> DeltaMethodRatioTest.test(c, t, pair.alpha()),
                (c, t) -> RegressionAdjustment.test(c, t, pair.alpha()),
                (c, t) -> RegressionAdjustment.testRatio(c, t, pair.alpha()));
        for (BiFunction<SufficientStatistics, SufficientStatistics, FixedHorizonResult> test : tests) {
            FixedHorizonResult fixed = test.apply(pair.control(), pair.treatment());
            assertFixedHorizonResult(fixed, pair);
            SequentialResult companion = AsymptoticConfidenceSequence.plannedFor(2_000, pair.alpha())
                    .test(fixed, pair.alpha());
            assertSequentialResult(companion, pair);
            if (fixed.pValue() != null) {
                assertNotNull(companion.pValue(), "a fixed-horizon p-value without an always-valid one: " + fixed
                        + " -> " + companion);
            }
            SequentialResult onEstimate = AsymptoticConfidenceSequence.plannedFor(2_000, pair.alpha())
                    .test(fixed.estimate(), pair.alpha());
            assertSequentialResult(onEstimate, pair);
            SequentialResult mixture = new MixtureSprt(1e-4, 1e-4).test(fixed.estimate(), pair.alpha());
            assertSequentialResult(mixture, pair);
        }
    }

    @Property(tries = 2000)
    void theRelativeLiftIsFiniteOrNull(@ForAll("finite") double controlMean, @ForAll("finite") double controlVariance,
            @ForAll("finite") double treatmentMean, @ForAll("finite") double treatmentVariance) {
        RelativeLift lift = RelativeLift.of(controlMean, Math.abs(controlVariance), treatmentMean,
                Math.abs(treatmentVariance));
        assertFiniteOrNull(lift.relative(), "lift");
        assertFiniteOrNull(lift.standardError(), "standard error");
        if (lift.relative() == null && controlMean != 0) {
            assertFalse(Double.isFinite((treatmentMean - controlMean) / controlMean), "a finite lift was dropped");
        }
    }

    @Property(tries = 2000)
    void bothSampleRatioChecksAnswerAnyCountsAndWeights(@ForAll("counts") long[] counts,
            @ForAll("weights") double[] weights) {
        SampleRatioMismatchResult fixed = SampleRatioMismatch.withDefaults().test(counts, weights);
        SequentialSampleRatioMismatchResult sequential = SequentialSampleRatioMismatch.withDefaults()
                .test(counts, weights);
        String why = java.util.Arrays.toString(counts) + " / " + java.util.Arrays.toString(weights);
        assertProbabilityOrNull(fixed.pValue(), why);
        assertFiniteOrNull(fixed.statistic(), why);
        assertProbabilityOrNull(sequential.pValue(), why);
        assertProbabilityOrNull(sequential.runningMinimumPValue(), why);
        assertFiniteOrNull(sequential.logBayesFactor(), why);
        assertEquals(fixed.status() == TestStatus.OK, fixed.pValue() != null, why);
        assertEquals(sequential.status() == TestStatus.OK, sequential.pValue() != null, why);
        if (fixed.status() != TestStatus.OK) {
            assertNotNull(fixed.detail(), why);
        }
        if (sequential.status() != TestStatus.OK) {
            assertNotNull(sequential.detail(), why);
        }
        boolean someWeight = java.util.Arrays.stream(weights).anyMatch(w -> w > 0);
        for (int i = 0; i < counts.length && i < weights.length; i++) {
            if (weights[i] == 0 && counts[i] > 0 && counts.length == weights.length && someWeight) {
                assertTrue(fixed.mismatch() && sequential.mismatch(), "units in a weight-0 variant: " + why);
            }
        }
    }

    @Property(tries = 300)
    void aWholeAnalysisOfAnySummariesGivesRowsAndADecision(@ForAll("analysisInputs") AnalysisInput input) {
        AnalysisReport report = ExperimentAnalysis.analyze(CONFIG, input, AnalysisState.INITIAL);
        AnalysisReport again = ExperimentAnalysis.analyze(CONFIG, input, report.next());
        for (AnalysisReport r : List.of(report, again)) {
            assertNotNull(r.decision());
            assertFalse(r.decision().justification().contains("NaN"), r.decision().justification());
            assertFalse(r.decision().justification().contains("Infinity"), r.decision().justification());
            for (ComparisonResult row : r.results()) {
                Pair pair = new Pair(input.summaries().get(new SummaryKey("champion", row.metric(), row.segment())),
                        input.summaries().get(new SummaryKey(row.treatmentVariant(), row.metric(), row.segment())),
                        CONFIG.alpha());
                assertFixedHorizonResult(row.fixed(), pair);
                assertSequentialResult(row.sequential(), pair);
                assertProbabilityOrNull(row.alwaysValidPValue(), row.toString());
                assertProbabilityOrNull(row.adjustedFixedPValue(), row.toString());
                assertProbabilityOrNull(row.adjustedAlwaysValidPValue(), row.toString());
                assertProbabilityOrNull(row.srmPValue(), row.toString());
                assertNotNull(row.status(), row.toString());
                if (row.fixed().pValue() != null) {
                    assertNotNull(row.sequential().pValue(), row.toString());
                }
            }
        }
    }

    private static void assertFixedHorizonResult(FixedHorizonResult r, Pair pair) {
        String why = r + " for " + pair;
        Estimate e = r.estimate();
        assertNotNull(e, why);
        for (Double v : new Double[] {e.controlMean(), e.treatmentMean(), e.difference(), e.differenceStandardError(),
                e.relative(), e.relativeStandardError(), r.statistic()}) {
            assertFiniteOrNull(v, why);
        }
        assertFalse(Double.isNaN(e.degreesOfFreedom()), why);
        assertTrue(e.degreesOfFreedom() >= 0, why);
        assertProbabilityOrNull(r.pValue(), why);
        assertFiniteInterval(r.absoluteInterval(), why);
        assertFiniteInterval(r.relativeInterval(), why);
        assertStatusExplainsNulls(r.status(), r.detail(), r.pValue(), why);
        assertStatusExplainsNulls(e.status(), e.detail(), e.differenceStandardError(), why);
        if (r.status() == TestStatus.OK) {
            assertNotNull(r.absoluteInterval(), why);
            assertNotNull(r.statistic(), why);
        }
        if (e.isOk() && e.relative() == null && e.controlMean() != 0) {
            assertFalse(Double.isFinite(e.difference() / e.controlMean()), "a finite lift was dropped: " + why);
        }
    }

    private static void assertSequentialResult(SequentialResult r, Pair pair) {
        String why = r + " for " + pair;
        assertProbabilityOrNull(r.pValue(), why);
        assertFiniteInterval(r.absoluteInterval(), why);
        assertFiniteInterval(r.relativeInterval(), why);
        assertStatusExplainsNulls(r.status(), r.detail(), r.pValue(), why);
        if (r.status() == TestStatus.OK) {
            assertNotNull(r.absoluteInterval(), why);
        }
    }

    /** OK exactly when the number is there; otherwise a detail in words. */
    private static void assertStatusExplainsNulls(TestStatus status, String detail, Double number, String why) {
        assertNotNull(status, why);
        if (status == TestStatus.OK) {
            assertNull(detail, why);
            assertNotNull(number, why);
        } else {
            assertNotNull(detail, why);
            assertFalse(detail.isBlank(), why);
        }
    }

    private static void assertFiniteOrNull(Double value, String why) {
        if (value != null && !Double.isFinite(value)) {
            fail("non-finite number " + value + " in " + why);
        }
    }

    private static void assertProbabilityOrNull(Double p, String why) {
        if (p != null && !(p >= 0 && p <= 1)) {
            fail("p-value " + p + " outside [0, 1] in " + why);
        }
    }

    private static void assertFiniteInterval(Interval interval, String why) {
        if (interval != null) {
            assertTrue(Double.isFinite(interval.low()) && Double.isFinite(interval.high()), "interval " + interval
                    + " in " + why);
            assertTrue(interval.low() <= interval.high(), "interval " + interval + " in " + why);
        }
    }

    /** Any finite double, by sign, decimal exponent (-324 to 308) and mantissa, with the edges drawn often. */
    @Provide
    Arbitrary<Double> finite() {
        Arbitrary<Double> spread = Combinators.combine(
                Arbitraries.of(-1.0, 1.0), Arbitraries.doubles().between(1, 10), Arbitraries.integers().between(-324, 308))
                .as((sign, mantissa, exponent) -> {
                    double x = sign * mantissa * Math.pow(10, exponent);
                    return Double.isFinite(x) ? x : sign * Double.MAX_VALUE;
                });
        Arbitrary<Double> edges = Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
                Double.MAX_VALUE, -Double.MAX_VALUE, 1.0, -1.0, 0.5, 1e150, -1e150, 1e78, 2e78, 1e-300, 1e-310);
        Arbitrary<Double> ordinary = Arbitraries.doubles().between(-1000, 1000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, spread), net.jqwik.api.Tuple.of(3, edges), net.jqwik.api.Tuple.of(2, ordinary));
    }

    @Provide
    Arbitrary<Long> unitCounts() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 5)),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(2, 1_000_000)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Long.MAX_VALUE / 4, 1L << 53, 4_500_000_000L)));
    }

    /** Any summary: a proportion's (rate and n p (1 - p)), a consistent mean's, or every field drawn freely. */
    @Provide
    Arbitrary<SufficientStatistics> summaries() {
        Arbitrary<Double> x = finite();
        Arbitrary<Double> nonNegative = finite().map(Math::abs);
        Arbitrary<SufficientStatistics> proportion = Combinators.combine(unitCounts(), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(0.0, 1.0, 0.5))
                .as((n, rate, edge) -> {
                    double p = n % 3 == 0 ? edge : rate;
                    return SufficientStatistics.of(n, p, 1, 0, n * p * (1 - p), 0, 0, 0, 0, 0);
                });
        Arbitrary<SufficientStatistics> mean = Combinators.combine(unitCounts(), x, nonNegative)
                .as((n, m, spread) -> SufficientStatistics.of(n, m, 1, 0, spread, 0, 0, 0, 0, 0));
        Arbitrary<SufficientStatistics> free = Combinators.combine(unitCounts(), x, x, x,
                        Combinators.combine(x, x, x, x, x, x).as(List::of))
                .as((n, y, d, c, moments) -> SufficientStatistics.of(n, y, d, c, moments.get(0), moments.get(1),
                        moments.get(2), moments.get(3), moments.get(4), moments.get(5)));
        Arbitrary<SufficientStatistics> freeNonNegative = Combinators.combine(unitCounts(), x, nonNegative, x,
                        Combinators.combine(nonNegative, nonNegative, nonNegative, x, x, x).as(List::of))
                .as((n, y, d, c, moments) -> SufficientStatistics.of(n, y, d, c, moments.get(0), moments.get(1),
                        moments.get(2), moments.get(3), moments.get(4), moments.get(5)));
        return Arbitraries.oneOf(proportion, mean, free, freeNonNegative);
    }

    @Provide
    Arbitrary<Pair> pairs() {
        return Combinators.combine(summaries(), summaries(), Arbitraries.of(0.05, 1e-10, 0.5, 0.999)).as(Pair::new);
    }

    @Provide
    Arbitrary<long[]> counts() {
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 10)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 100_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Long.MAX_VALUE / 8, 1L << 53)));
        return count.array(long[].class).ofMinSize(0).ofMaxSize(5);
    }

    @Provide
    Arbitrary<double[]> weights() {
        Arbitrary<Double> weight = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0.0)),
                net.jqwik.api.Tuple.of(4, Arbitraries.doubles().between(0, 100)),
                net.jqwik.api.Tuple.of(1, finite().map(Math::abs)));
        return weight.array(double[].class).ofMinSize(0).ofMaxSize(5);
    }

    @Provide
    Arbitrary<AnalysisInput> analysisInputs() {
        List<String> variants = List.of("champion", "challenger", "third");
        List<String> metrics = List.of("converted", "revenue", "per_request", "adjusted");
        List<String> segments = java.util.Arrays.asList(null, "country=DE", "country=US");
        int cells = variants.size() * metrics.size() * segments.size();
        return Combinators.combine(summaries().list().ofSize(cells), unitCounts().list().ofSize(3),
                        Arbitraries.of(0.0, 1.0, 30.0, 50.0).list().ofSize(3), Arbitraries.longs().between(0, 1_000_000),
                        Arbitraries.integers().between(0, 60))
                .as((stats, units, weights, planned, days) -> {
                    Map<SummaryKey, SufficientStatistics> summaries = new HashMap<>();
                    int i = 0;
                    for (String variant : variants) {
                        for (String metric : metrics) {
                            for (String segment : segments) {
                                summaries.put(new SummaryKey(variant, metric, segment), stats.get(i++));
                            }
                        }
                    }
                    Map<String, Long> unitsByVariant = new HashMap<>();
                    Map<String, Double> weightsInForce = new HashMap<>();
                    for (int v = 0; v < variants.size(); v++) {
                        unitsByVariant.put(variants.get(v), units.get(v));
                        weightsInForce.put(variants.get(v), weights.get(v));
                    }
                    return new AnalysisInput(Instant.parse("2026-11-25T00:00:00Z"), Duration.ofDays(days),
                            unitsByVariant, weightsInForce, summaries, List.of(), planned, days % 2 == 0);
                });
    }
}
