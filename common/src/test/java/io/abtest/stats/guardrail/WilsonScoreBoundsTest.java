package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Pinned against statsmodels 0.15.0 (scipy 1.17.1): a one-sided bound at level 1 - alpha is the matching end of the
 * two-sided Wilson interval at 1 - 2 alpha. Script: {@code src/test/resources/stats/guardrail/make_references.py}.
 * Tolerance 1e-12 relative: a closed form whose only library part is the normal quantile.
 */
class WilsonScoreBoundsTest {

    private static final double CLOSED_FORM = 1e-12;

    private static void assertBounds(long events, long trials, double alpha, double lower, double upper) {
        WilsonScoreBounds bounds = WilsonScoreBounds.of(events, trials, alpha);
        assertClose(lower, bounds.lower(), CLOSED_FORM, events + "/" + trials + " lower");
        assertClose(upper, bounds.upper(), CLOSED_FORM, events + "/" + trials + " upper");
    }

    @Test
    void matchesStatsmodelsWilsonInterval() {
        // statsmodels 0.15.0: proportion_confint(1, 3, alpha=0.1, method='wilson')
        assertBounds(1, 3, 0.05, 0.07826572633372836, 0.746466131718776);
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.1, method='wilson')
        assertBounds(18, 300, 0.05, 0.041138764685083345, 0.08672656282902946);
        // statsmodels 0.15.0: proportion_confint(120, 2000, alpha=0.1, method='wilson')
        assertBounds(120, 2000, 0.05, 0.05184532503844334, 0.06934350586452487);
        // statsmodels 0.15.0: proportion_confint(999, 1000, alpha=0.05, method='wilson')
        assertBounds(999, 1000, 0.025, 0.9943574414020421, 0.9998234536293739);
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.002, method='wilson')
        assertBounds(18, 300, 0.001, 0.029708444115882943, 0.11743936407638148);
    }

    @Test
    void aRareEventKeepsItsRelativePrecision() {
        // statsmodels 0.15.0: proportion_confint(7, 1000000, alpha=0.1, method='wilson')
        assertBounds(7, 1_000_000, 0.05, 3.79549660383377e-06, 1.291000165281019e-05);
    }

    @Test
    void noEventsAndOnlyEventsGiveExactEnds() {
        // statsmodels 0.15.0: proportion_confint(0, 500, alpha=0.1, method='wilson')
        WilsonScoreBounds none = WilsonScoreBounds.of(0, 500, 0.05);
        assertEquals(0.0, none.lower());
        assertClose(0.005381964629841946, none.upper(), CLOSED_FORM, "upper of 0/500");
        // statsmodels 0.15.0: proportion_confint(500, 500, alpha=0.1, method='wilson') = (0.994618035370158, 1 - 1e-16)
        WilsonScoreBounds all = WilsonScoreBounds.of(500, 500, 0.05);
        assertClose(0.994618035370158, all.lower(), CLOSED_FORM, "lower of 500/500");
        assertEquals(1.0, all.upper());
        // statsmodels 0.15.0: proportion_confint(3, 3, alpha=0.1, method='wilson')
        assertBounds(3, 3, 0.05, 0.525804425842487, 1.0);
    }

    @Test
    void refusesCountsThatAreNotABinomialSample() {
        assertThrows(IllegalArgumentException.class, () -> WilsonScoreBounds.of(4, 3, 0.05));
        assertThrows(IllegalArgumentException.class, () -> WilsonScoreBounds.of(0, 0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> WilsonScoreBounds.of(-1, 3, 0.05));
        assertThrows(IllegalArgumentException.class, () -> WilsonScoreBounds.of(1, 3, 0.6));
    }
}
