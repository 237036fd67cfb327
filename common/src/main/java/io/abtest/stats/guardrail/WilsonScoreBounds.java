package io.abtest.stats.guardrail;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * One-sided Wilson score confidence bounds of a binomial rate [1]: with x events in n trials, each of
 * {@code lower} and {@code upper} is a bound at level 1 - alpha on its own side (together they form the two-sided
 * Wilson interval at level 1 - 2 alpha). They are the two roots p of the score equation
 * <pre>
 *   (p_hat - p)^2 = z^2 p (1 - p) / n,   p_hat = x / n,   z = Phi^-1(1 - alpha)                         (1)
 * </pre>
 * With a = z^2 / n:
 * <pre>
 *   upper = ( p_hat + a / 2 + z sqrt( p_hat (1 - p_hat) / n + a / (4 n) ) ) / (1 + a)                    (2)
 *   lower = p_hat^2 / ( (1 + a) upper )                                                                  (3)
 * </pre>
 * (3) is Vieta's product of the roots of (1), p_hat^2 / (1 + a); it gives the lower root without the cancellation
 * of {@code center - half-width} when x is small against n. At x = 0 the lower bound is 0 and at x = n the upper
 * bound is 1, exactly.
 *
 * <p>Why Wilson and not Clopper-Pearson [2] for a guardrail: Clopper-Pearson guarantees its level at every true
 * rate, so it is conservative, more so at small counts: the exact probability that its lower bound exceeds a true
 * rate of 1.5% with 1,000 trials is 0.032 at alpha = 0.05, and a true 2.5% error rate against a 1.5% threshold is
 * caught in 69% of 1,000-request windows instead of Wilson's 76%. Wilson's level is close to nominal on average
 * [3] (0.052 in the first example, 0.054 for 2,000 trials at 3%), and it is what Newcombe's difference bound
 * ({@link NewcombeDifferenceBounds}) is built from, so an absolute and a relative guardrail share one method. Its
 * weakness is a lower bound that runs somewhat above its nominal level when the expected count is small (the
 * binomial's right skew, [4]): 0.071 for 300 trials at 3% and 0.079 for 100 trials at 1% (a window at the default
 * {@code min_events}). A guardrail on a rare event needs a larger {@code min_events} or {@code consecutive_breaches}
 * above 1; the exact numbers are pinned in {@code RateGuardrailExactLevelTest}.
 *
 * <p>References:
 * <ol>
 *   <li>E. B. Wilson, "Probable inference, the law of succession, and statistical inference", Journal of the
 *       American Statistical Association 22 (1927), 209-212, doi:10.1080/01621459.1927.10502953.</li>
 *   <li>C. J. Clopper, E. S. Pearson, "The use of confidence or fiducial limits illustrated in the case of the
 *       binomial", Biometrika 26 (1934), 404-413, doi:10.1093/biomet/26.4.404.</li>
 *   <li>L. D. Brown, T. T. Cai, A. DasGupta, "Interval estimation for a binomial proportion", Statistical Science
 *       16 (2001), 101-133, doi:10.1214/ss/1009213286.</li>
 *   <li>T. T. Cai, "One-sided confidence intervals in discrete distributions", Journal of Statistical Planning
 *       and Inference 131 (2005), 63-88, doi:10.1016/j.jspi.2004.01.005.</li>
 * </ol>
 * Checked against statsmodels {@code proportion_confint(x, n, alpha=2*alpha, method='wilson')} in
 * {@code WilsonScoreBoundsTest}.
 *
 * @param lower the one-sided lower bound at level 1 - alpha, in [0, 1]
 * @param upper the one-sided upper bound at level 1 - alpha, in [0, 1]
 */
public record WilsonScoreBounds(double lower, double upper) {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    /**
     * @param events x, in [0, trials]
     * @param trials n, at least 1
     * @param alpha the one-sided error of each bound, in (0, 0.5]
     */
    public static WilsonScoreBounds of(long events, long trials, double alpha) {
        if (trials < 1 || events < 0 || events > trials) {
            throw new IllegalArgumentException("need 0 <= events <= trials and trials >= 1, got " + events + " of "
                    + trials);
        }
        if (!(alpha > 0 && alpha <= 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
        }
        double z = STANDARD.inverseSurvivalProbability(alpha);
        double n = trials;
        double p = events / n;
        double a = z * z / n;
        double upper = events == trials ? 1
                : Math.min(1, (p + a / 2 + z * Math.sqrt(p * (1 - p) / n + a / (4 * n))) / (1 + a)); // (2)
        double lower = events == 0 ? 0 : p * p / ((1 + a) * upper); // (3)
        return new WilsonScoreBounds(lower, upper);
    }
}
