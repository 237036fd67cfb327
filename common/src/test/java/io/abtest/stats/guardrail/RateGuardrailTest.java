package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.absolute;
import static io.abtest.stats.guardrail.Guardrails.assertClose;
import static io.abtest.stats.guardrail.Guardrails.relative;
import static io.abtest.stats.guardrail.Guardrails.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.stats.guardrail.RateGuardrail.Counts;
import io.abtest.stats.guardrail.WindowJudgment.Verdict;
import org.junit.jupiter.api.Test;

/** The examples and the comparison semantics; bounds pinned in WilsonScoreBoundsTest / NewcombeDifferenceBoundsTest. */
class RateGuardrailTest {

    private static final double ALPHA = 0.05;
    private static final double CLOSED_FORM = 1e-12;

    @Test
    void oneErrorInThreeNeverBreachesAtAnyThresholdAtOrAboveZero() {
        for (double threshold : new double[] {0, 1e-6, 0.01, 0.03, 0.05, 0.1, 0.3333, 0.5, 1}) {
            WindowJudgment absoluteJudgment = RateGuardrail.judge(absolute("error_rate", threshold,
                    Comparison.GREATER_THAN), ALPHA, new Counts(1, 3), null);
            assertEquals(Verdict.NOT_JUDGED, absoluteJudgment.verdict(), "threshold " + threshold);
            WindowJudgment relativeJudgment = RateGuardrail.judge(relative("error_rate", threshold,
                    Comparison.GREATER_THAN), ALPHA, new Counts(1, 3), new Counts(0, 3));
            assertEquals(Verdict.NOT_JUDGED, relativeJudgment.verdict(), "relative threshold " + threshold);
        }
    }

    @Test
    void belowMinEventsTheBoundAloneWouldNotSilenceOneErrorInThree() {
        // Why min_events is part of the rule: one error proves the rate is above 0, and its Wilson lower bound
        // (0.0783, pinned in WilsonScoreBoundsTest) is above 5%.
        GuardrailSpec fivePercentWithoutMinimum = spec("error_rate", 0.05, Comparison.GREATER_THAN, false, 1);
        assertEquals(Verdict.BREACH, RateGuardrail.judge(fivePercentWithoutMinimum, ALPHA, new Counts(1, 3), null)
                .verdict());
        GuardrailSpec tenPercentWithoutMinimum = spec("error_rate", 0.10, Comparison.GREATER_THAN, false, 1);
        assertEquals(Verdict.HEALTHY, RateGuardrail.judge(tenPercentWithoutMinimum, ALPHA, new Counts(1, 3), null)
                .verdict());
    }

    @Test
    void sixPercentOfTwoThousandAgainstThreePercentBreaches() {
        WindowJudgment judgment = RateGuardrail.judge(absolute("error_rate", 0.03, Comparison.GREATER_THAN), ALPHA,
                new Counts(120, 2000), null);
        assertEquals(Verdict.BREACH, judgment.verdict());
        assertEquals(0.06, judgment.observed(), 1e-15);
        assertEquals(0.03, judgment.threshold());
        // statsmodels 0.15.0: proportion_confint(120, 2000, alpha=0.1, method='wilson')[0]
        assertClose(0.05184532503844334, judgment.bound(), CLOSED_FORM, "bound");
    }

    @Test
    void sixPercentOfThreeHundredAgainstThreePercentBreaches() {
        // The "6% errors over a few hundred requests against a 3% threshold": 18 of 300.
        WindowJudgment judgment = RateGuardrail.judge(absolute("error_rate", 0.03, Comparison.GREATER_THAN), ALPHA,
                new Counts(18, 300), null);
        assertEquals(Verdict.BREACH, judgment.verdict());
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.1, method='wilson')[0]
        assertClose(0.041138764685083345, judgment.bound(), CLOSED_FORM, "bound");
    }

    @Test
    void theExperimentsAlphaSetsTheConfidence() {
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.002, method='wilson')[0] = 0.029708444115882943
        WindowJudgment judgment = RateGuardrail.judge(absolute("error_rate", 0.03, Comparison.GREATER_THAN), 0.001,
                new Counts(18, 300), null);
        assertEquals(Verdict.HEALTHY, judgment.verdict(), "at alpha 0.001, 18 of 300 is not proof of more than 3%");
        assertClose(0.029708444115882943, judgment.bound(), CLOSED_FORM, "bound");
    }

    @Test
    void lessThanBreachesWhenTheUpperBoundIsBelowTheThreshold() {
        GuardrailSpec atLeastFivePercent = absolute("timeout_rate", 0.05, Comparison.LESS_THAN);
        WindowJudgment low = RateGuardrail.judge(atLeastFivePercent, ALPHA, new Counts(18, 300), null);
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.1, method='wilson')[1]
        assertClose(0.08672656282902946, low.bound(), CLOSED_FORM, "upper bound");
        assertEquals(Verdict.HEALTHY, low.verdict(), "6% of 300 may well be 5% or more");
        WindowJudgment lower = RateGuardrail.judge(atLeastFivePercent, ALPHA, new Counts(6, 1000), null);
        assertEquals(Verdict.BREACH, lower.verdict(), "0.6% of 1,000 is surely below 5%");
    }

    @Test
    void relativeToControlJudgesTheDifferenceWithBothRatesUncertainty() {
        WindowJudgment judgment = RateGuardrail.judge(relative("error_rate", 0, Comparison.GREATER_THAN), ALPHA,
                new Counts(120, 2000), new Counts(60, 2000));
        assertEquals(Verdict.BREACH, judgment.verdict());
        assertEquals(0.06, judgment.observed(), 1e-15);
        assertEquals(0.03, judgment.threshold(), 1e-15, "the control's rate");
        // statsmodels 0.15.0: confint_proportions_2indep(120, 2000, 60, 2000, method='newcomb', compare='diff',
        // alpha=0.1)[0] = 0.01929390913167068, shifted by the control's rate 0.03
        assertClose(0.03 + 0.01929390913167068, judgment.bound(), CLOSED_FORM, "bound");
    }

    @Test
    void aRelativeThresholdIsAFractionOfTheControlsRate() {
        // 3% against a control at 1.5%: more than 50% above it (k = 1.5)? Not provably; more than 0% above? Yes.
        // Python, make_references.py: mover(30, 1000, 15, 1000, k=1.5, alpha=0.05)[0] = -0.0064431225015799745
        WindowJudgment halfAbove = RateGuardrail.judge(relative("error_rate", 0.5, Comparison.GREATER_THAN), ALPHA,
                new Counts(30, 1000), new Counts(15, 1000));
        assertEquals(Verdict.HEALTHY, halfAbove.verdict());
        assertEquals(0.0225, halfAbove.threshold(), 1e-15);
        assertClose(0.0225 - 0.0064431225015799745, halfAbove.bound(), CLOSED_FORM, "bound");
        // Python, make_references.py: mover(30, 1000, 15, 1000, k=0.5, alpha=0.05)[0] = 0.01389339109063236
        WindowJudgment aboveHalf = RateGuardrail.judge(relative("error_rate", -0.5, Comparison.GREATER_THAN), ALPHA,
                new Counts(30, 1000), new Counts(15, 1000));
        assertEquals(Verdict.BREACH, aboveHalf.verdict());
        assertClose(0.0075 + 0.01389339109063236, aboveHalf.bound(), CLOSED_FORM, "bound");
    }

    @Test
    void aControlWithoutErrorsDoesNotMakeOneErrorABreach() {
        WindowJudgment judgment = RateGuardrail.judge(relative("error_rate", 0, Comparison.GREATER_THAN), ALPHA,
                new Counts(1, 1000), new Counts(0, 1000));
        assertEquals(Verdict.HEALTHY, judgment.verdict());
        assertEquals(0.0, judgment.threshold());
    }

    @Test
    void relativeIsNotJudgedWhenTheControlHasTooFewPredictions() {
        GuardrailSpec spec = relative("error_rate", 0, Comparison.GREATER_THAN);
        WindowJudgment judgment = RateGuardrail.judge(spec, ALPHA, new Counts(500, 1000), new Counts(0, 99));
        assertEquals(Verdict.NOT_JUDGED, judgment.verdict());
        assertNull(judgment.observed());
        assertNull(judgment.threshold());
        assertNull(judgment.bound());
        assertEquals(Verdict.BREACH, RateGuardrail.judge(spec, ALPHA, new Counts(500, 1000), new Counts(0, 100))
                .verdict(), "exactly min_events is enough");
    }

    @Test
    void aHealthyWindowCarriesItsNumbers() {
        WindowJudgment judgment = RateGuardrail.judge(absolute("error_rate", 0.03, Comparison.GREATER_THAN), ALPHA,
                new Counts(0, 500), null);
        assertEquals(Verdict.HEALTHY, judgment.verdict());
        assertEquals(0.0, judgment.observed());
        assertEquals(0.0, judgment.bound());
        assertEquals(0.03, judgment.threshold());
    }
}
