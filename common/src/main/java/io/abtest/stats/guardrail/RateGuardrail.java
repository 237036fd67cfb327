package io.abtest.stats.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;

/**
 * Judges an {@code error_rate} or {@code timeout_rate} guardrail on one variant in one window statistically, never
 * on the raw ratio: a breach needs the rate to lie beyond the threshold with confidence 1 - alpha (the experiment's
 * alpha), so a handful of requests cannot page anyone and a clear excess over a few hundred requests does. With
 * x events (errors or timeouts) among n served predictions, p_hat = x / n and l, u the one-sided Wilson bounds of
 * {@link WilsonScoreBounds} (the choice of Wilson over Clopper-Pearson is argued there):
 * <pre>
 *   absolute, greater_than:  breach when  l_T &gt; theta                                                   (1)
 *   absolute, less_than:     breach when  u_T &lt; theta                                                   (2)
 *   relative, greater_than:  breach when  the lower bound of p_T - k p_C &gt; 0,  k = 1 + theta           (3)
 *   relative, less_than:     breach when  the upper bound of p_T - k p_C &lt; 0                            (4)
 * </pre>
 * the difference bounds of (3) and (4) by Newcombe's hybrid score method ({@link NewcombeDifferenceBounds}). A
 * relative threshold is a fraction of the control's rate in the same window (0.5 = 50% above it; 0 = above the
 * control's at all). Reported on the rate's scale: {@code observed} = p_hat_T; {@code threshold} = theta, or
 * k p_hat_C when relative; {@code bound} = l_T or u_T, or when relative the difference's bound shifted by
 * k p_hat_C (p_hat_T minus, or plus, Newcombe's margin), so that a breach always reads "bound beyond threshold".
 *
 * <p>A window is NOT_JUDGED when the variant served fewer than {@code min_events} predictions in it, or, for a
 * relative guardrail, when the control did.
 */
public final class RateGuardrail {

    private RateGuardrail() {}

    /**
     * What one variant served in one window.
     *
     * @param events errors or timeouts, in [0, predictions]
     * @param predictions served predictions, &gt;= 0
     */
    public record Counts(long events, long predictions) {
        public Counts {
            if (predictions < 0 || events < 0 || events > predictions) {
                throw new IllegalArgumentException("need 0 <= events <= predictions, got " + events + " of "
                        + predictions);
            }
        }
    }

    /**
     * @param spec the guardrail: threshold, comparison, relative to the control or not, min_events
     * @param alpha the experiment's alpha: each bound has level 1 - alpha, in (0, 0.5]
     * @param variant the judged variant's counts in the window
     * @param control the control's counts in the same window; read only when {@code spec} is relative
     */
    public static WindowJudgment judge(GuardrailSpec spec, double alpha, Counts variant, Counts control) {
        if (variant.predictions() < spec.minEvents()
                || spec.relativeToControl() && control.predictions() < spec.minEvents()) {
            return WindowJudgment.notJudged();
        }
        double observed = (double) variant.events() / variant.predictions();
        boolean greaterThan = spec.comparison() == Comparison.GREATER_THAN;
        if (!spec.relativeToControl()) {
            WilsonScoreBounds bounds = WilsonScoreBounds.of(variant.events(), variant.predictions(), alpha);
            double bound = greaterThan ? bounds.lower() : bounds.upper();
            boolean breach = greaterThan ? bound > spec.threshold() : bound < spec.threshold(); // (1), (2)
            return WindowJudgment.judged(breach, observed, spec.threshold(), bound);
        }
        double k = 1 + spec.threshold();
        NewcombeDifferenceBounds difference = NewcombeDifferenceBounds.of(variant.events(), variant.predictions(),
                control.events(), control.predictions(), k, alpha);
        double threshold = k * ((double) control.events() / control.predictions());
        double bound = greaterThan ? observed - difference.lowerMargin() : observed + difference.upperMargin();
        boolean breach = greaterThan ? bound > threshold : bound < threshold; // (3), (4)
        return WindowJudgment.judged(breach, observed, threshold, bound);
    }
}
