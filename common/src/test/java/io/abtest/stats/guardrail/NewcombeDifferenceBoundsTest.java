package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * k = 1 pinned against statsmodels 0.15.0 {@code confint_proportions_2indep(..., method='newcomb', compare='diff')}
 * at alpha = 2 alpha (its two-sided interval at 1 - 2 alpha has our one-sided bounds as ends); k other than 1
 * against Zou and Donner's (2008) formula evaluated in Python on statsmodels' Wilson bounds ({@code mover} in
 * {@code src/test/resources/stats/guardrail/make_references.py}). Tolerance 1e-12 relative.
 */
class NewcombeDifferenceBoundsTest {

    private static final double CLOSED_FORM = 1e-12;

    private static void assertBounds(long xT, long nT, long xC, long nC, double k, double alpha, double lower,
            double upper) {
        NewcombeDifferenceBounds bounds = NewcombeDifferenceBounds.of(xT, nT, xC, nC, k, alpha);
        String what = xT + "/" + nT + " - " + k + " x " + xC + "/" + nC;
        assertClose(lower, bounds.lower(), CLOSED_FORM, what + " lower");
        assertClose(upper, bounds.upper(), CLOSED_FORM, what + " upper");
    }

    @Test
    void differenceMatchesStatsmodelsNewcombe() {
        // statsmodels 0.15.0: confint_proportions_2indep(18, 300, 9, 300, method='newcomb', compare='diff', alpha=0.1)
        assertBounds(18, 300, 9, 300, 1, 0.05, 0.0018726368564610518, 0.059490300801988985);
        // statsmodels 0.15.0: confint_proportions_2indep(120, 2000, 60, 2000, method='newcomb', compare='diff', alpha=0.1)
        assertBounds(120, 2000, 60, 2000, 1, 0.05, 0.01929390913167068, 0.04092780907558541);
        // statsmodels 0.15.0: confint_proportions_2indep(0, 1000, 5, 1000, method='newcomb', compare='diff', alpha=0.1)
        assertBounds(0, 1000, 5, 1000, 1, 0.05, -0.010235331506720883, -0.0012777728263552463);
        // statsmodels 0.15.0: confint_proportions_2indep(3, 100, 0, 100, method='newcomb', compare='diff', alpha=0.05)
        assertBounds(3, 100, 0, 100, 1, 0.025, -0.011933312904032635, 0.08451936429052763);
    }

    @Test
    void equalRatesGiveASymmetricInterval() {
        // statsmodels 0.15.0: confint_proportions_2indep(10, 1000, 10, 1000, method='newcomb', compare='diff', alpha=0.1)
        assertBounds(10, 1000, 10, 1000, 1, 0.05, -0.007772864611683879, 0.007772864611683879);
        NewcombeDifferenceBounds bounds = NewcombeDifferenceBounds.of(10, 1000, 10, 1000, 1, 0.05);
        assertEquals(0.0, bounds.estimate());
        assertEquals(bounds.lowerMargin(), bounds.upperMargin());
    }

    @Test
    void aScaledControlFollowsZouAndDonner() {
        // Python, make_references.py: mover(30, 1000, 15, 1000, k=1.5, alpha=0.05)
        assertBounds(30, 1000, 15, 1000, 1.5, 0.05, -0.0064431225015799745, 0.02030127489468051);
        // Python, make_references.py: mover(30, 1000, 15, 1000, k=0.5, alpha=0.05)
        assertBounds(30, 1000, 15, 1000, 0.5, 0.05, 0.01389339109063236, 0.03303769118605339);
        // Python, make_references.py: mover(18, 300, 9, 300, k=1.2, alpha=0.025)
        assertBounds(18, 300, 9, 300, 1.2, 0.025, -0.014034329373381636, 0.060963044975317265);
    }

    @Test
    void aNegativeFactorTakesTheControlsOtherSide() {
        // p_T - (-1) p_C = p_T + p_C: its lower bound subtracts the control's distance to its own lower bound.
        WilsonScoreBounds treatment = WilsonScoreBounds.of(30, 1000, 0.05);
        WilsonScoreBounds control = WilsonScoreBounds.of(15, 1000, 0.05);
        NewcombeDifferenceBounds sum = NewcombeDifferenceBounds.of(30, 1000, 15, 1000, -1, 0.05);
        assertClose(0.045 - Math.hypot(0.03 - treatment.lower(), 0.015 - control.lower()), sum.lower(), 1e-15, "lower");
        assertClose(0.045 + Math.hypot(treatment.upper() - 0.03, control.upper() - 0.015), sum.upper(), 1e-15, "upper");
    }
}
