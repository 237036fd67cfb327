package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.config.MetricSpec.Direction;
import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.fixed.TwoProportionZTest;
import io.abtest.stats.guardrail.WindowJudgment.Verdict;
import io.abtest.stats.sequential.AsymptoticConfidenceSequence;
import io.abtest.stats.sequential.SequentialResult;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricGuardrailTest {

    /** A result row with the given means, units and always-valid interval of the difference. */
    private static ComparisonResult result(double controlMean, double treatmentMean, long units, Interval sequence) {
        Estimate estimate = new Estimate(TestStatus.OK, null, units, controlMean, units, treatmentMean,
                treatmentMean - controlMean, 0.01, null, null, Double.POSITIVE_INFINITY);
        FixedHorizonResult fixed = new FixedHorizonResult(estimate, TestStatus.OK, null, sequence, null, 1.0, 0.3);
        SequentialResult sequential = new SequentialResult(TestStatus.OK, null, 0.5, sequence, null);
        return new ComparisonResult("exp", Instant.EPOCH, "m", null, "champion", "challenger", fixed, sequential, 0.5,
                0.3, 0.5, 0.9, TestStatus.OK);
    }

    private static GuardrailSpec margin(double threshold, Comparison comparison) {
        return spec("m", threshold, comparison, false, GuardrailSpec.DEFAULT_MIN_EVENTS);
    }

    @Test
    void higherIsBetterBreachesWhenTheWholeSequenceIsBelowTheMargin() {
        GuardrailSpec onePercent = margin(0.01, Comparison.LESS_THAN);
        WindowJudgment breach = MetricGuardrail.judge(result(0.10, 0.097, 5000, new Interval(-0.005, -0.0011)),
                Direction.HIGHER_IS_BETTER, onePercent);
        assertEquals(Verdict.BREACH, breach.verdict(), "upper bound -0.0011 < -0.01 x 0.10");
        assertEquals(0.097, breach.observed());
        assertEquals(0.099, breach.threshold(), 1e-15, "the treatment mean at the margin");
        assertEquals(0.0989, breach.bound(), 1e-15, "control mean + upper bound");
        assertEquals(Verdict.HEALTHY, MetricGuardrail.judge(result(0.10, 0.097, 5000, new Interval(-0.005, -0.0009)),
                Direction.HIGHER_IS_BETTER, onePercent).verdict(), "a loss of 0.0009 may be within the margin");
    }

    @Test
    void lowerIsBetterBreachesWhenTheWholeSequenceIsAboveTheMargin() {
        GuardrailSpec fivePercent = margin(0.05, Comparison.GREATER_THAN);
        WindowJudgment breach = MetricGuardrail.judge(result(200, 230, 5000, new Interval(10.5, 49.5)),
                Direction.LOWER_IS_BETTER, fivePercent);
        assertEquals(Verdict.BREACH, breach.verdict(), "lower bound 10.5 > 0.05 x 200");
        assertEquals(210.0, breach.threshold(), 1e-12);
        assertEquals(210.5, breach.bound(), 1e-12);
        assertEquals(Verdict.HEALTHY, MetricGuardrail.judge(result(200, 230, 5000, new Interval(9.5, 49.5)),
                Direction.LOWER_IS_BETTER, fivePercent).verdict());
    }

    @Test
    void aNegativeControlMeanKeepsTheMarginOnTheHarmfulSide() {
        // Revenue net of refunds at -10 per unit, higher is better, 5% margin: harm is more than 0.5 lower.
        GuardrailSpec fivePercent = margin(0.05, Comparison.LESS_THAN);
        WindowJudgment breach = MetricGuardrail.judge(result(-10, -10.8, 5000, new Interval(-1.1, -0.51)),
                Direction.HIGHER_IS_BETTER, fivePercent);
        assertEquals(Verdict.BREACH, breach.verdict());
        assertEquals(-10.5, breach.threshold(), 1e-12);
        assertEquals(-10.51, breach.bound(), 1e-12);
        assertEquals(Verdict.HEALTHY, MetricGuardrail.judge(result(-10, -10.8, 5000, new Interval(-1.1, -0.49)),
                Direction.HIGHER_IS_BETTER, fivePercent).verdict(), "the lift (+8%) would have said better");
    }

    @Test
    void aControlMeanOfZeroLeavesNoMarginSoAnyProvenHarmBreaches() {
        GuardrailSpec tenPercent = margin(0.10, Comparison.GREATER_THAN);
        WindowJudgment breach = MetricGuardrail.judge(result(0, 0.002, 5000, new Interval(1e-5, 0.004)),
                Direction.LOWER_IS_BETTER, tenPercent);
        assertEquals(Verdict.BREACH, breach.verdict());
        assertEquals(0.0, breach.threshold());
        assertEquals(Verdict.HEALTHY, MetricGuardrail.judge(result(0, 0.002, 5000, new Interval(-1e-5, 0.004)),
                Direction.LOWER_IS_BETTER, tenPercent).verdict());
    }

    @Test
    void notJudgedWithoutAnAlwaysValidResultOrBelowMinEventsUnits() {
        GuardrailSpec onePercent = margin(0.01, Comparison.LESS_THAN);
        assertEquals(WindowJudgment.notJudged(), MetricGuardrail.judge(
                result(0.10, 0.05, 99, new Interval(-0.09, -0.01)), Direction.HIGHER_IS_BETTER, onePercent));
        ComparisonResult ok = result(0.10, 0.05, 5000, new Interval(-0.09, -0.01));
        ComparisonResult noSequence = new ComparisonResult("exp", Instant.EPOCH, "m", null, "champion", "challenger",
                ok.fixed(), new SequentialResult(TestStatus.ZERO_VARIANCE, "no variance", null, null, null), null,
                null, null, null, TestStatus.ZERO_VARIANCE);
        assertEquals(WindowJudgment.notJudged(), MetricGuardrail.judge(noSequence, Direction.HIGHER_IS_BETTER,
                onePercent));
        assertEquals(Verdict.BREACH, MetricGuardrail.judge(ok, Direction.HIGHER_IS_BETTER, onePercent).verdict());
    }

    @Test
    void judgesTheSequenceTheAnalysisComputes() {
        // 10% against 8% conversion over 5,000 units each, the sequence tuned at 2 x 1,000 units as the analysis does.
        SufficientStatistics control = conversions(500, 5000);
        SufficientStatistics treatment = conversions(400, 5000);
        FixedHorizonResult fixed = TwoProportionZTest.test(control, treatment, 0.05);
        SequentialResult sequential = AsymptoticConfidenceSequence.plannedFor(2000, 0.05).test(fixed, 0.05);
        ComparisonResult row = new ComparisonResult("exp", Instant.EPOCH, "converted", null, "champion",
                "challenger", fixed, sequential, sequential.pValue(), fixed.pValue(), sequential.pValue(), 0.9,
                TestStatus.OK);
        WindowJudgment judgment = MetricGuardrail.judge(row, Direction.HIGHER_IS_BETTER, margin(0.01,
                Comparison.LESS_THAN));
        assertEquals(Verdict.BREACH, judgment.verdict());
        assertEquals(0.08, judgment.observed(), 1e-15);
        assertEquals(0.10 + sequential.absoluteInterval().high(), judgment.bound(), 1e-15);
        assertTrue(sequential.absoluteInterval().high() < -0.001, sequential.toString());
    }

    private static SufficientStatistics conversions(int converted, int units) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < units; i++) {
            s = s.merge(SufficientStatistics.ofUnit(i < converted ? 1 : 0));
        }
        return s;
    }
}
