package io.abtest.stats.sequential;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The tuning rule of the {@link MixtureSprt}: the mixing variance tau^2 that makes its confidence sequence
 * narrowest at the planned sample size.
 *
 * <p>With V the variance of the estimate and r = tau^2 / V, the squared half-width of the mixture SPRT's confidence
 * sequence is {@code V (1 + r) / r * (ln(1 + r) + 2 ln(1/alpha))}. Its derivative in r vanishes where
 * <pre>
 *   r - ln(1 + r) = 2 ln(1/alpha)                                   (1)
 * </pre>
 * which has one positive root r*(alpha) (the left side increases from 0): 8.212 at alpha = 0.05, 11.76 at 0.01,
 * 6.638 at 0.10. So the rule is
 * <pre>
 *   tau^2 = r*(alpha) * V*,                                          (2)
 * </pre>
 * V* the variance of the estimate at the planned sample size. A plan made for a minimum detectable effect m at
 * level alpha and a given power has {@code m = (z_{1-alpha/2} + z_power) sqrt(V*)}, so equivalently
 * <pre>
 *   tau^2 = r*(alpha) / (z_{1-alpha/2} + z_power)^2 * m^2             (3)
 * </pre>
 * which at alpha = 0.05 and power 0.8 is 1.046 m^2: the width-minimising rule and Johari et al.'s advice to match
 * tau^2 to the square of the effect one expects to find agree to 5%. (3) is the documented default; it only needs
 * what the experiment's configuration already holds.
 *
 * <p>Waudby-Smith et al.'s optimal rho for their Gaussian-mixture boundary, {@code rho^2 n* = -2 ln alpha +
 * ln(-2 ln alpha + 1)}, is one fixed-point step of (1) started at r = 2 ln(1/alpha) (see
 * {@link AsymptoticConfidenceSequence}): the two methods are tuned by the same criterion.
 *
 * <p>Equation (1) is solved by Newton's method (its root is {@code -1 - W_{-1}(-exp(-1 - 2 ln(1/alpha)))} with
 * Lambert's W, which neither Commons Numbers nor Commons Statistics provides); the left side is convex, so after the
 * first step the iterates decrease monotonically to the root.
 *
 * <p>References:
 * <ol>
 *   <li>R. Johari, P. Koomen, L. Pekelis, D. Walsh, "Peeking at A/B tests: why it matters, and what to do about
 *       it", KDD 2017, doi:10.1145/3097983.3097992.</li>
 *   <li>R. Johari, L. Pekelis, D. Walsh, "Always valid inference: continuous monitoring of A/B tests", Operations
 *       Research 70(3), 2022, doi:10.1287/opre.2021.2135, arXiv:1512.04922.</li>
 *   <li>I. Waudby-Smith, D. Arnold, J. Wu, S. R. Howard, A. Ramdas, "Time-uniform central limit theory and
 *       asymptotic confidence sequences", Annals of Statistics 2024, arXiv:2103.06476.</li>
 * </ol>
 */
public final class MixingVariance {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private MixingVariance() {}

    /**
     * The root r*(alpha) of (1): the ratio tau^2 / V at which the confidence sequence is narrowest.
     *
     * @throws IllegalArgumentException unless alpha is in (0, 1)
     */
    public static double widthMinimisingRatio(double alpha) {
        requireLevel(alpha);
        double c = 2 * Math.log(1 / alpha);
        double r = c + Math.log1p(c);
        for (int i = 0; i < 100; i++) {
            double step = (r - Math.log1p(r) - c) * (1 + r) / r;
            r -= step;
            if (Math.abs(step) <= 1e-15 * r) {
                break;
            }
        }
        return r;
    }

    /**
     * Eq. (2): tau^2 from the variance the estimate will have at the planned sample size (for a difference of
     * means, {@code var_t / n_t* + var_c / n_c*}).
     *
     * @throws IllegalArgumentException unless alpha is in (0, 1) and the variance is positive and finite
     */
    public static double forPlannedVariance(double plannedVariance, double alpha) {
        if (!(plannedVariance > 0 && Double.isFinite(plannedVariance))) {
            throw new IllegalArgumentException("planned variance must be positive and finite, was " + plannedVariance);
        }
        return widthMinimisingRatio(alpha) * plannedVariance;                                          // (2)
    }

    /**
     * Eq. (3), the default: tau^2 from the minimum detectable effect the sample size was planned for, in the units
     * of the effect tested (absolute for the difference, relative for the lift).
     *
     * @throws IllegalArgumentException unless alpha and power are in (0, 1) and the effect is non-zero and finite
     */
    public static double forMinimumDetectableEffect(double minimumDetectableEffect, double alpha, double power) {
        requireLevel(alpha);
        if (!(power > 0 && power < 1)) {
            throw new IllegalArgumentException("power must be in (0, 1), was " + power);
        }
        if (!(minimumDetectableEffect != 0 && Double.isFinite(minimumDetectableEffect))) {
            throw new IllegalArgumentException(
                    "minimum detectable effect must be non-zero and finite, was " + minimumDetectableEffect);
        }
        double z = STANDARD_NORMAL.inverseCumulativeProbability(1 - alpha / 2)
                + STANDARD_NORMAL.inverseCumulativeProbability(power);
        double standardError = minimumDetectableEffect / z;
        return widthMinimisingRatio(alpha) * standardError * standardError;                           // (3)
    }

    private static void requireLevel(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
    }
}
