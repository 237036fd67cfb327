package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.MetricSpec;
import io.abtest.config.MetricSpec.Direction;
import io.abtest.config.MetricSpec.MetricKind;
import io.abtest.config.MultipleTestingCorrection;
import io.abtest.config.TargetingRule;
import io.abtest.config.Variant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentPlanTest {

    private static ExperimentConfig config(List<Variant> variants, MetricSpec primary, long minimumSampleSize,
            Duration minimumDuration, MultipleTestingCorrection correction) {
        return new ExperimentConfig("ranker-v2", "salt", variants, TargetingRule.EVERYONE, List.of(), List.of(primary),
                List.of(), Duration.ofDays(1), Duration.ofHours(1), 0.05, 0.8, 0.02, minimumSampleSize,
                minimumDuration, correction, List.of());
    }

    private static MetricSpec metric(MetricKind kind, Direction direction) {
        return new MetricSpec("converted", kind, "values.converted", null, direction, true, null);
    }

    private static final List<Variant> FIFTY_FIFTY =
            List.of(new Variant("champion", 50, true, null), new Variant("challenger", 50, false, null));

    /** The README example as a plan: 10% baseline, 2% lift, 100,000 units a day, all in the experiment. */
    @Test
    void proportionPlanFromTheConfiguration() {
        ExperimentPlan plan = ExperimentPlan.of(
                config(FIFTY_FIFTY, metric(MetricKind.PROPORTION, Direction.HIGHER_IS_BETTER), 1000,
                        Duration.ofDays(7), MultipleTestingCorrection.HOLM),
                new Baseline.Rate(0.10), Traffic.of(100_000));
        // R 4.2.2: power.prop.test(p1 = 0.1, p2 = 0.102, power = 0.8, tol = 1e-12)$n
        Close.relative(356334.03656051133, plan.comparisons().get("challenger").control(), Close.CLOSED_FORM);
        assertEquals(Map.of("champion", 356_335L, "challenger", 356_335L), plan.plannedUnits());
        assertEquals(712_670, plan.totalUnits());
        assertEquals(0.05, plan.alphaPerComparison()); // one challenger: no split
        assertEquals(8, plan.duration().days()); // 356,335 / 50,000 a day = 7.1
        assertEquals(DurationDriver.SAMPLE_SIZE, plan.duration().decidedBy());
        assertEquals(EffectDirection.INCREASE, plan.direction());
    }

    @Test
    void comparesTheSampleReachedAgainstThePlan() {
        ExperimentPlan plan = ExperimentPlan.of(
                config(FIFTY_FIFTY, metric(MetricKind.PROPORTION, Direction.HIGHER_IS_BETTER), 0, Duration.ZERO,
                        MultipleTestingCorrection.NONE),
                new Baseline.Rate(0.10), Traffic.of(100_000));
        assertFalse(plan.sampleReached(Map.of("champion", 400_000L, "challenger", 356_334L)));
        assertTrue(plan.sampleReached(Map.of("champion", 400_000L, "challenger", 356_335L)));
        assertEquals(0.5, plan.shareReached(Map.of("champion", 400_000L, "challenger", 178_167L)), 1e-5);
        assertEquals(0, plan.shareReached(Map.of("champion", 400_000L)));
        assertEquals(356_335, plan.plannedUnits("challenger"));
    }

    @Test
    void severalChallengersSplitAlphaAndUseTheirAllocationRatio() {
        List<Variant> variants = List.of(new Variant("champion", 50, true, null),
                new Variant("a", 25, false, null), new Variant("b", 25, false, null));
        ExperimentPlan plan = ExperimentPlan.of(
                config(variants, metric(MetricKind.PROPORTION, Direction.HIGHER_IS_BETTER), 0, Duration.ZERO,
                        MultipleTestingCorrection.BONFERRONI),
                new Baseline.Rate(0.10), Traffic.of(100_000));
        assertEquals(0.025, plan.alphaPerComparison());
        Design design = new Design(0.025, 0.8, 0.5, Alternative.TWO_SIDED);
        SampleSize expected = ProportionPlanning.sampleSize(0.1, 0.02, EffectDirection.INCREASE, design,
                ProportionFormula.POOLED);
        assertEquals(expected, plan.comparisons().get("a"));
        assertEquals(expected.controlUnits(), plan.plannedUnits("champion"));
        assertEquals(expected.treatmentUnits(), plan.plannedUnits("b"));
    }

    @Test
    void lowerIsBetterPlansADecreaseAndTheMinimumsAreFloors() {
        ExperimentPlan plan = ExperimentPlan.of(
                config(FIFTY_FIFTY, metric(MetricKind.PROPORTION, Direction.LOWER_IS_BETTER), 2_000_000,
                        Duration.ofDays(60), MultipleTestingCorrection.NONE),
                new Baseline.Rate(0.5), Traffic.of(100_000));
        assertEquals(EffectDirection.DECREASE, plan.direction());
        double p2 = 0.5 * (1 - 0.02);
        Close.relative(PooledProportionPower.sampleSize(0.5, p2, Design.twoSided(0.05, 0.8)),
                plan.comparisons().get("challenger").control(), 1e-15);
        assertEquals(2_000_000, plan.plannedUnits("champion"));
        assertEquals(60, plan.duration().days());
        assertEquals(40, plan.duration().sampleDays());
        assertEquals(DurationDriver.MINIMUM_DURATION, plan.duration().decidedBy());
    }

    @Test
    void meanPlanUsesTheCentralTFormulaByDefault() {
        ExperimentPlan plan = ExperimentPlan.of(
                config(FIFTY_FIFTY, metric(MetricKind.MEAN, Direction.HIGHER_IS_BETTER), 0, Duration.ofDays(7),
                        MultipleTestingCorrection.NONE),
                new Baseline.Mean(25, 5), new Traffic(1000, 0.5));
        // d = 25 x 0.02 / 5 = 0.1
        Close.relative(CentralTPower.sampleSize(0.1, Design.twoSided(0.05, 0.8)),
                plan.comparisons().get("challenger").control(), 1e-15);
        ExperimentPlan normal = ExperimentPlan.of(
                config(FIFTY_FIFTY, metric(MetricKind.MEAN, Direction.HIGHER_IS_BETTER), 0, Duration.ofDays(7),
                        MultipleTestingCorrection.NONE),
                new Baseline.Mean(25, 5), new Traffic(1000, 0.5),
                new PlanningOptions(Alternative.TWO_SIDED, ProportionFormula.POOLED, MeanFormula.NORMAL));
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=0.1, alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(1569.7721018652398, normal.comparisons().get("challenger").control(), Close.CLOSED_FORM);
        assertEquals(1570, normal.plannedUnits("challenger"));
        assertEquals(7, normal.duration().days()); // 1570 / 250 a day = 6.3
    }

    @Test
    void rejectsABaselineOfTheWrongKindAndAZeroWeight() {
        ExperimentConfig proportion = config(FIFTY_FIFTY, metric(MetricKind.PROPORTION, Direction.HIGHER_IS_BETTER),
                0, Duration.ZERO, MultipleTestingCorrection.NONE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ExperimentPlan.of(proportion, new Baseline.Mean(1, 1), Traffic.of(10))).getMessage()
                .startsWith("baseline must be a Baseline.Rate for proportion metric 'converted'"));
        ExperimentConfig ratio = config(FIFTY_FIFTY, metric(MetricKind.RATIO, Direction.HIGHER_IS_BETTER),
                0, Duration.ZERO, MultipleTestingCorrection.NONE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ExperimentPlan.of(ratio, new Baseline.Rate(0.1), Traffic.of(10))).getMessage()
                .startsWith("baseline must be a Baseline.Mean for RATIO metric 'converted'"));
        ExperimentConfig paused = config(List.of(new Variant("champion", 1, true, null),
                new Variant("challenger", 0, false, null)), metric(MetricKind.PROPORTION, Direction.HIGHER_IS_BETTER),
                0, Duration.ZERO, MultipleTestingCorrection.NONE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ExperimentPlan.of(paused, new Baseline.Rate(0.1), Traffic.of(10))).getMessage()
                .startsWith("variant 'challenger' has weight 0.0"));
        assertEquals("baselineRate must be in (0, 1), was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new Baseline.Rate(0)).getMessage());
    }
}
