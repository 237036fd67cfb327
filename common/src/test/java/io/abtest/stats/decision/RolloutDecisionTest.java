package io.abtest.stats.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.MetricSpec.Direction;
import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.sequential.SequentialResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One case per rule of {@link RolloutDecision}'s table, plus the precedence between neighbouring rules. */
class RolloutDecisionTest {

    private static final double ALPHA = 0.05;
    private static final Duration DAY = Duration.ofDays(1);

    /** A challenger with a primary result: lift, its always-valid interval, and the adjusted always-valid p. */
    private static ChallengerEvidence challenger(String variant, double lift, double low, double high, double p, long units) {
        Estimate estimate = new Estimate(TestStatus.OK, null, units, 0.10, units, 0.10 * (1 + lift),
                0.10 * lift, 0.001, lift, 0.01, Double.POSITIVE_INFINITY);
        FixedHorizonResult fixed = new FixedHorizonResult(estimate, TestStatus.OK, null,
                new Interval(0.10 * low, 0.10 * high), new Interval(low, high), lift / 0.01, p);
        SequentialResult sequential = new SequentialResult(TestStatus.OK, null, p, new Interval(0.10 * low, 0.10 * high),
                new Interval(low, high));
        return new ChallengerEvidence(variant, "converted", Direction.HIGHER_IS_BETTER, units, units, fixed, sequential, p);
    }

    private static ChallengerEvidence noData(String variant, long units) {
        Estimate estimate = new Estimate(TestStatus.NOT_ENOUGH_DATA, "fewer than 2 units", units, null, units, null,
                null, null, null, null, Double.POSITIVE_INFINITY);
        FixedHorizonResult fixed = new FixedHorizonResult(estimate, TestStatus.NOT_ENOUGH_DATA, "fewer than 2 units",
                null, null, null, null);
        SequentialResult sequential = new SequentialResult(TestStatus.NOT_ENOUGH_DATA, "fewer than 2 units", null, null, null);
        return new ChallengerEvidence(variant, "converted", Direction.HIGHER_IS_BETTER, units, units, fixed, sequential, null);
    }

    private static GuardrailBreach breach(String variant, GuardrailSpec.Action action) {
        return new GuardrailBreach(variant, "latency-p99", 312, new GuardrailSpec("latency-p99", "latency_p99", 250,
                GuardrailSpec.Comparison.GREATER_THAN, Duration.ofMinutes(5), 3, GuardrailSpec.Severity.CRITICAL, action));
    }

    private static DecisionInput input(List<ChallengerEvidence> challengers, List<GuardrailBreach> breaches,
            List<SegmentEvidence> segments, boolean rampComplete, Duration elapsed) {
        return new DecisionInput("ranker-v2", ALPHA, elapsed, DAY.multipliedBy(14), 1000, 48_000, 0.42, false,
                rampComplete, challengers, breaches, segments);
    }

    private static DecisionInput complete(ChallengerEvidence... challengers) {
        return input(List.of(challengers), List.of(), List.of(), true, DAY.multipliedBy(15));
    }

    private static final ChallengerEvidence WINNER = challenger("challenger", 0.031, 0.012, 0.050, 0.004, 52_000);
    private static final ChallengerEvidence LOSER = challenger("challenger", -0.02, -0.035, -0.005, 0.01, 52_000);
    private static final ChallengerEvidence NEUTRAL = challenger("challenger", 0.003, -0.01, 0.016, 0.6, 30_000);

    @Test
    void rule7RolloutNamesTheNumbersItRestsOn() {
        Decision d = RolloutDecision.decide(complete(WINNER));
        assertEquals(Verdict.ROLLOUT, d.verdict());
        assertEquals(7, d.rule());
        assertEquals("challenger", d.variant());
        assertEquals("challenger lifts converted by +3.1% [+1.2%, +5.0%] (better), always-valid p=0.0040; no guardrail breached;"
                + " no segments analysed; 52,000 of 48,000 planned units per variant", d.justification());
        assertTrue(d.actionItems().get(0).contains("ROLLED_OUT with weights {challenger: 1}"), d.actionItems().toString());
    }

    private static DecisionInput withMultipleExposures(long excluded, long exposed, double max) {
        return new DecisionInput("ranker-v2", ALPHA, DAY.multipliedBy(15), DAY.multipliedBy(14), 1000, 48_000, 0.42,
                false, true, List.of(WINNER), List.of(breach("challenger", GuardrailSpec.Action.STOP)), List.of(),
                excluded, exposed, max);
    }

    @Test
    void rule1TooManyMultipleExposuresIsInconclusiveWithTheCount() {
        Decision d = RolloutDecision.decide(withMultipleExposures(2_000, 104_000, 0.01));
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertEquals(1, d.rule());
        assertNull(d.variant());
        assertTrue(d.justification().startsWith("2,000 of 104,000 units (1.92%) served more than one variant, above"
                + " max_multiple_exposure 1.00%"), d.justification());
        assertTrue(d.actionItems().get(0).contains("hash_salt"), d.actionItems().toString());
    }

    @Test
    void rule1MultipleExposuresAtOrBelowTheMaximumDoNotDecide() {
        Decision d = RolloutDecision.decide(withMultipleExposures(1_040, 104_000, 0.01));
        assertEquals(Verdict.STOP, d.verdict(), d.justification());
        assertEquals(2, d.rule());
        assertEquals(Verdict.INCONCLUSIVE, RolloutDecision.decide(withMultipleExposures(1_041, 104_000, 0.01)).verdict());
        assertEquals(Verdict.STOP, RolloutDecision.decide(withMultipleExposures(5_000, 104_000, 0.05)).verdict());
    }

    @Test
    void rule1NamesBothCausesWhenBothHold() {
        DecisionInput in = new DecisionInput("ranker-v2", ALPHA, DAY.multipliedBy(15), DAY.multipliedBy(14), 1000,
                48_000, 0.00002, true, true, List.of(WINNER), List.of(), List.of(), 3_000, 100_000, 0.01);
        Decision d = RolloutDecision.decide(in);
        assertEquals(1, d.rule());
        assertTrue(d.justification().startsWith("sample ratio mismatch"), d.justification());
        assertTrue(d.justification().contains("also 3,000 of 100,000 units (3.00%) served more than one variant"),
                d.justification());
        assertEquals(6, d.actionItems().size());
    }

    @Test
    void rule1SampleRatioMismatchOverridesEverything() {
        DecisionInput in = new DecisionInput("ranker-v2", ALPHA, DAY.multipliedBy(15), DAY.multipliedBy(14), 1000, 48_000,
                0.00002, true, true, List.of(WINNER), List.of(breach("challenger", GuardrailSpec.Action.STOP)), List.of());
        Decision d = RolloutDecision.decide(in);
        assertEquals(Verdict.INCONCLUSIVE, d.verdict());
        assertEquals(1, d.rule());
        assertTrue(d.justification().startsWith("sample ratio mismatch (p=2.0e-05 < 0.001)"), d.justification());
    }

    @Test
    void rule2AStopGuardrailStopsEvenAWinner() {
        Decision d = RolloutDecision.decide(input(List.of(WINNER), List.of(breach("challenger", GuardrailSpec.Action.STOP)),
                List.of(), true, DAY.multipliedBy(15)));
        assertEquals(Verdict.STOP, d.verdict());
        assertEquals("challenger", d.variant());
        assertTrue(d.justification().startsWith("guardrail latency-p99 breached by challenger: latency_p99 312.0 > 250.0"
                + " for 3 window(s) of PT5M (severity CRITICAL)"), d.justification());
    }

    @Test
    void rule3NoResultExtendsBelowTheMinimumSampleAndIsInconclusiveAboveIt() {
        Decision early = RolloutDecision.decide(complete(noData("challenger", 1)));
        assertEquals(Verdict.EXTEND, early.verdict());
        assertEquals(3, early.rule());
        Decision late = RolloutDecision.decide(complete(noData("challenger", 5000)));
        assertEquals(Verdict.INCONCLUSIVE, late.verdict());
        assertTrue(late.justification().contains("challenger: NOT_ENOUGH_DATA (fewer than 2 units)"), late.justification());
    }

    @Test
    void rule4EverySignificantlyWorseChallengerKeepsTheChampionEvenBeforeTheMinimumDuration() {
        Decision d = RolloutDecision.decide(input(List.of(LOSER), List.of(), List.of(), false, DAY));
        assertEquals(Verdict.KEEP_CHAMPION, d.verdict());
        assertEquals(4, d.rule());
        assertTrue(d.justification().startsWith("challenger lowers converted by -2.0% [-3.5%, -0.5%] (worse), always-valid p=0.0100"),
                d.justification());
    }

    @Test
    void rule5RampUpWhileNoHarmIsSeen() {
        Decision d = RolloutDecision.decide(input(List.of(NEUTRAL), List.of(), List.of(), false, DAY));
        assertEquals(Verdict.RAMP_UP, d.verdict());
        assertEquals(5, d.rule());
        Decision alerted = RolloutDecision.decide(input(List.of(NEUTRAL),
                List.of(breach("challenger", GuardrailSpec.Action.ALERT)), List.of(), false, DAY));
        assertEquals(Verdict.EXTEND, alerted.verdict(), "a breached guardrail stops the ramp");
    }

    @Test
    void rule6AWinnerWaitsForTheMinimumDuration() {
        Decision d = RolloutDecision.decide(input(List.of(WINNER), List.of(), List.of(), true, DAY.multipliedBy(3)));
        assertEquals(Verdict.EXTEND, d.verdict());
        assertEquals(6, d.rule());
        assertTrue(d.justification().startsWith("minimum not reached (3.0 days of 14.0 days, 52,000 of 1,000 minimum units"),
                d.justification());
        assertTrue(d.actionItems().contains("The minimum duration is reached in 11.0 days."), d.actionItems().toString());
    }

    @Test
    void rule8AHarmedSegmentBlocksTheRolloutAndIsNamed() {
        SegmentEvidence germany = new SegmentEvidence("challenger", "country=DE", "converted", Direction.HIGHER_IS_BETTER,
                0.1, -0.004, -0.04, 0.01);
        SegmentEvidence canada = new SegmentEvidence("challenger", "country=CA", "converted", Direction.HIGHER_IS_BETTER,
                0.1, -0.001, -0.01, 0.40);
        Decision d = RolloutDecision.decide(input(List.of(WINNER), List.of(), List.of(germany, canada), true,
                DAY.multipliedBy(15)));
        assertEquals(Verdict.KEEP_CHAMPION, d.verdict());
        assertEquals(8, d.rule());
        assertTrue(d.justification().contains("but it harms segment country=DE on converted (-4.0%, p=0.0100 adjusted)"),
                d.justification());
        assertTrue(!d.justification().contains("country=CA"), "an insignificant segment effect does not block");
    }

    @Test
    void rule8ASegmentHarmedFromAControlMeanOfZeroStillBlocks() {
        SegmentEvidence errors = new SegmentEvidence("challenger", "tier=free", "error_rate", Direction.LOWER_IS_BETTER,
                0.0, 0.02, null, 0.001);
        Decision d = RolloutDecision.decide(input(List.of(WINNER), List.of(), List.of(errors), true,
                DAY.multipliedBy(15)));
        assertEquals(Verdict.KEEP_CHAMPION, d.verdict());
        assertEquals(8, d.rule());
        assertTrue(d.justification().contains("it harms segment tier=free on error_rate (+0.02000 absolute, p=0.0010 adjusted)"),
                d.justification());
    }

    @Test
    void rule9NoWinnerAtThePlannedSampleKeepsTheChampion() {
        ChallengerEvidence powered = challenger("challenger", 0.003, -0.01, 0.016, 0.6, 50_000);
        Decision d = RolloutDecision.decide(complete(powered));
        assertEquals(Verdict.KEEP_CHAMPION, d.verdict());
        assertEquals(9, d.rule());
        assertNull(d.variant());
    }

    @Test
    void rule10OtherwiseExtendWithTheUnitsStillNeeded() {
        Decision d = RolloutDecision.decide(complete(NEUTRAL));
        assertEquals(Verdict.EXTEND, d.verdict());
        assertEquals(10, d.rule());
        assertTrue(d.actionItems().contains("18,000 more units in the smallest variant reach the planned sample."),
                d.actionItems().toString());
    }

    @Test
    void withTwoChallengersTheLargerUnblockedLiftIsRolledOut() {
        ChallengerEvidence small = challenger("small", 0.02, 0.005, 0.035, 0.01, 52_000);
        ChallengerEvidence large = challenger("large", 0.05, 0.02, 0.08, 0.001, 52_000);
        Decision d = RolloutDecision.decide(complete(small, large));
        assertEquals(Verdict.ROLLOUT, d.verdict());
        assertEquals("large", d.variant());
        Decision blocked = RolloutDecision.decide(input(List.of(small, large),
                List.of(breach("large", GuardrailSpec.Action.ALERT)), List.of(), true, DAY.multipliedBy(15)));
        assertEquals("small", blocked.variant(), "a breached guardrail blocks only its own variant");
    }

    @Test
    void oneWorseAndOneUndecidedChallengerDoesNotEndTheExperiment() {
        ChallengerEvidence loser = challenger("b", -0.02, -0.035, -0.005, 0.01, 30_000);
        ChallengerEvidence open = challenger("a", 0.003, -0.01, 0.016, 0.6, 30_000);
        assertEquals(Verdict.EXTEND, RolloutDecision.decide(complete(open, loser)).verdict());
    }

    /** A challenger of a mean metric whose control mean is negative: the lift's sign is the opposite of the difference's. */
    private static ChallengerEvidence onNegativeMean(String variant, Direction direction, double controlMean,
            double treatmentMean, double p) {
        double difference = treatmentMean - controlMean;
        double lift = difference / controlMean;
        Estimate estimate = new Estimate(TestStatus.OK, null, 20_000, controlMean, 20_000, treatmentMean, difference,
                0.02, lift, 0.002, 39_998);
        FixedHorizonResult fixed = new FixedHorizonResult(estimate, TestStatus.OK, null,
                new Interval(difference - 0.04, difference + 0.04), new Interval(lift - 0.004, lift + 0.004),
                difference / 0.02, p);
        SequentialResult sequential = new SequentialResult(TestStatus.OK, null, p,
                new Interval(difference - 0.06, difference + 0.06), new Interval(lift - 0.006, lift + 0.006));
        return new ChallengerEvidence(variant, "revenue", direction, 20_000, 20_000, fixed, sequential, p);
    }

    @Test
    void aHigherMeanIsBetterAlsoWhenTheControlMeanIsNegative() {
        Decision d = RolloutDecision.decide(complete(
                onNegativeMean("challenger", Direction.HIGHER_IS_BETTER, -10, -9, 1e-12)));
        assertEquals(Verdict.ROLLOUT, d.verdict(), d.justification());
        assertEquals(7, d.rule());
        assertTrue(d.justification().startsWith("challenger lifts revenue by +1.000 absolute [+0.9400, +1.060]"
                + " (control mean -10.00: the lift -10.0% has the opposite sign) (better)"), d.justification());

        Decision lowerIsBetter = RolloutDecision.decide(complete(
                onNegativeMean("challenger", Direction.LOWER_IS_BETTER, -10, -9, 1e-12)));
        assertEquals(Verdict.KEEP_CHAMPION, lowerIsBetter.verdict(), lowerIsBetter.justification());
        assertEquals(4, lowerIsBetter.rule());
        assertTrue(lowerIsBetter.justification().contains("(worse)"), lowerIsBetter.justification());
    }

    @Test
    void theChallengerThatImprovesMostIsRolledOutWhateverTheSignOfItsLift() {
        ChallengerEvidence more = onNegativeMean("more", Direction.HIGHER_IS_BETTER, -10, -8, 1e-12);
        ChallengerEvidence less = onNegativeMean("less", Direction.HIGHER_IS_BETTER, -10, -9.5, 1e-12);
        assertEquals("more", RolloutDecision.decide(complete(less, more)).variant());
        ChallengerEvidence lowerMore = onNegativeMean("more", Direction.LOWER_IS_BETTER, -10, -12, 1e-12);
        ChallengerEvidence lowerLess = onNegativeMean("less", Direction.LOWER_IS_BETTER, -10, -10.5, 1e-12);
        assertEquals("more", RolloutDecision.decide(complete(lowerLess, lowerMore)).variant(),
                "the largest decrease wins for a lower-is-better metric");
    }

    @Test
    void aSegmentHarmedOnANegativeMeanIsNamedByItsDifference() {
        SegmentEvidence harmed = new SegmentEvidence("challenger", "country=DE", "revenue", Direction.HIGHER_IS_BETTER,
                -10.0, -1.0, 0.1, 0.001);
        Decision d = RolloutDecision.decide(input(List.of(WINNER), List.of(), List.of(harmed), true,
                DAY.multipliedBy(15)));
        assertEquals(8, d.rule(), d.justification());
        assertTrue(d.justification().contains("it harms segment country=DE on revenue (-1.000 absolute (control mean"
                + " -10.00: the lift +10.0% has the opposite sign), p=0.0010 adjusted)"), d.justification());
    }
}
