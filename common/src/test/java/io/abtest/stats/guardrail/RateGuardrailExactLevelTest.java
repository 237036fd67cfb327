package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.absolute;
import static io.abtest.stats.guardrail.Guardrails.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.stats.guardrail.RateGuardrail.Counts;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * The exact probability that a rate guardrail breaches, by summing the binomial probabilities of every count that
 * breaches: the level the Wilson choice actually has (see {@link WilsonScoreBounds}). References computed with
 * statsmodels 0.15.0 and scipy 1.17.1 ({@code binom.pmf} over {@code proportion_confint(..., method='wilson')} or
 * {@code confint_proportions_2indep(..., method='newcomb')}); script:
 * {@code src/test/resources/stats/guardrail/make_references.py}. Tolerance 1e-9 absolute (sums of up to a million
 * probabilities).
 */
class RateGuardrailExactLevelTest {

    private static final double ALPHA = 0.05;
    private static final double SUMS = 1e-9;

    private static double breachProbability(GuardrailSpec spec, int n, double p) {
        BinomialDistribution binomial = BinomialDistribution.of(n, p);
        double probability = 0;
        for (int x = 0; x <= n; x++) {
            if (RateGuardrail.judge(spec, ALPHA, new Counts(x, n), null).breached()) {
                probability += binomial.probability(x);
            }
        }
        return probability;
    }

    @Test
    void atATrueRateEqualToTheThresholdWilsonIsNearAlphaForThousandsAndAboveItForFewExpectedEvents() {
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 1000, 0.015)[wilson lower > 0.015]), alpha=0.05
        assertEquals(0.05175806831066555, breachProbability(absolute("error_rate", 0.015, Comparison.GREATER_THAN),
                1000, 0.015), SUMS);
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 2000, 0.03)[wilson lower > 0.03]), alpha=0.05
        assertEquals(0.053964173916551075, breachProbability(absolute("error_rate", 0.03, Comparison.GREATER_THAN),
                2000, 0.03), SUMS);
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 300, 0.03)[wilson lower > 0.03]), alpha=0.05
        assertEquals(0.07079156902006983, breachProbability(absolute("error_rate", 0.03, Comparison.GREATER_THAN),
                300, 0.03), SUMS);
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 100, 0.01)[wilson lower > 0.01]), alpha=0.05
        assertEquals(0.07937320225218036, breachProbability(absolute("error_rate", 0.01, Comparison.GREATER_THAN),
                100, 0.01), SUMS);
    }

    @Test
    void belowTheThresholdABreachIsRare() {
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 1000, 0.01)[wilson lower > 0.015]), alpha=0.05
        assertEquals(6.518251382730433e-4, breachProbability(absolute("error_rate", 0.015, Comparison.GREATER_THAN),
                1000, 0.01), SUMS);
    }

    @Test
    void aTrueRateWellAboveTheThresholdIsUsuallyCaughtInOneWindow() {
        // scipy 1.17.1 / statsmodels 0.15.0: sum(binom.pmf(x, 1000, 0.025)[wilson lower > 0.015]), alpha=0.05
        // (Clopper-Pearson's lower bound: 0.6851406137312275)
        assertEquals(0.755834022895767, breachProbability(absolute("error_rate", 0.015, Comparison.GREATER_THAN),
                1000, 0.025), SUMS);
    }

    @Test
    void relativeToAnEqualControlTheNewcombeBoundHoldsAlpha() {
        // scipy 1.17.1 / statsmodels 0.15.0: A/A, sum over both arms' binom.pmf(., 1000, 0.01) where
        // confint_proportions_2indep(xT, 1000, xC, 1000, method='newcomb', compare='diff', alpha=0.1)[0] > 0
        GuardrailSpec aboveControl = relative("error_rate", 0, Comparison.GREATER_THAN);
        BinomialDistribution binomial = BinomialDistribution.of(1000, 0.01);
        double probability = 0;
        for (int t = 0; t <= 60; t++) {
            for (int c = 0; c <= 60; c++) {
                if (RateGuardrail.judge(aboveControl, ALPHA, new Counts(t, 1000), new Counts(c, 1000)).breached()) {
                    probability += binomial.probability(t) * binomial.probability(c);
                }
            }
        }
        // Counts above 60 of 1,000 at 1% weigh 2.9e-28 (scipy 1.17.1: binom.sf(60, 1000, 0.01)).
        assertEquals(0.0478952053197461, probability, SUMS);
    }
}
