package io.abtest.stats.guardrail;

/**
 * One-sided confidence bounds of D = p_T - k p_C, the difference of a treatment's rate from k times the control's
 * (two independent binomial samples), by Newcombe's hybrid score method [1, method 10] in the general form of Zou
 * and Donner's MOVER [2]: the margins of the difference are recovered from each rate's own Wilson bounds
 * ({@link WilsonScoreBounds}, l and u, each at level 1 - alpha), so the bounds inherit Wilson's behaviour near 0:
 * <pre>
 *   D_hat  = p_hat_T - k p_hat_C                                                                         (1)
 *   lower  = D_hat - sqrt( (p_hat_T - l_T)^2 + (k (u_C - p_hat_C))^2 )                                   (2)
 *   upper  = D_hat + sqrt( (u_T - p_hat_T)^2 + (k (p_hat_C - l_C))^2 )                                   (3)
 * </pre>
 * for k &gt;= 0 (for k &lt; 0 the control's interval flips sides: its margin in (2) is |k| (p_hat_C - l_C) and in
 * (3) |k| (u_C - p_hat_C)). With k = 1, (2) and (3) are Newcombe's method 10, the interval statsmodels calls
 * {@code method='newcomb'}; a relative guardrail with threshold theta uses k = 1 + theta, so that "the treatment's
 * rate is more than (1 + theta) times the control's" is judged with the uncertainty of both rates, and reduces to
 * the plain difference at theta = 0. Each bound has level about 1 - alpha on its own side.
 *
 * <p>References:
 * <ol>
 *   <li>R. G. Newcombe, "Interval estimation for the difference between independent proportions: comparison of
 *       eleven methods", Statistics in Medicine 17 (1998), 873-890,
 *       doi:10.1002/(SICI)1097-0258(19980430)17:8&lt;873::AID-SIM779&gt;3.0.CO;2-I.</li>
 *   <li>G. Y. Zou, A. Donner, "Construction of confidence limits about effect measures: a general approach",
 *       Statistics in Medicine 27 (2008), 1693-1702, doi:10.1002/sim.3095.</li>
 * </ol>
 * Checked against statsmodels {@code confint_proportions_2indep(x_T, n_T, x_C, n_C, method='newcomb',
 * compare='diff', alpha=2*alpha)} (k = 1) and, for k other than 1, against (2) and (3) evaluated in Python on
 * statsmodels' Wilson bounds, in {@code NewcombeDifferenceBoundsTest}.
 *
 * @param estimate D_hat of (1)
 * @param lowerMargin the square root of (2): lower = estimate - lowerMargin
 * @param upperMargin the square root of (3): upper = estimate + upperMargin
 */
public record NewcombeDifferenceBounds(double estimate, double lowerMargin, double upperMargin) {

    /**
     * @param treatmentEvents x_T, in [0, treatmentTrials]
     * @param treatmentTrials n_T &gt;= 1
     * @param controlEvents x_C, in [0, controlTrials]
     * @param controlTrials n_C &gt;= 1
     * @param k the control's factor, finite (1 for the plain difference)
     * @param alpha the one-sided error of each bound, in (0, 0.5]
     */
    public static NewcombeDifferenceBounds of(long treatmentEvents, long treatmentTrials, long controlEvents,
            long controlTrials, double k, double alpha) {
        if (!Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be finite, got " + k);
        }
        WilsonScoreBounds treatment = WilsonScoreBounds.of(treatmentEvents, treatmentTrials, alpha);
        WilsonScoreBounds control = WilsonScoreBounds.of(controlEvents, controlTrials, alpha);
        double pT = (double) treatmentEvents / treatmentTrials;
        double pC = (double) controlEvents / controlTrials;
        double controlAbove = control.upper() - pC;
        double controlBelow = pC - control.lower();
        double lowerMargin = Math.hypot(pT - treatment.lower(), Math.abs(k) * (k >= 0 ? controlAbove : controlBelow)); // (2)
        double upperMargin = Math.hypot(treatment.upper() - pT, Math.abs(k) * (k >= 0 ? controlBelow : controlAbove)); // (3)
        return new NewcombeDifferenceBounds(pT - k * pC, lowerMargin, upperMargin); // (1)
    }

    public double lower() {
        return estimate - lowerMargin;
    }

    public double upper() {
        return estimate + upperMargin;
    }
}
