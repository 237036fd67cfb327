package io.abtest.stats.planning;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power, sample size and minimum detectable effect of a two-sample z test for a standardized effect size d
 * (Cohen's h for proportions, delta / sigma for means), with n1 control units and r n1 treatment units. The same
 * computation as statsmodels' {@code NormalIndPower} [1]; the formula is the normal power formula of Cohen [2]
 * and of Chow, Shao and Wang [3, sec. 3.2]:
 * <pre>
 *   n_eff = 1 / (1/n1 + 1/(r n1)) = n1 r / (1 + r)                                        (1)
 *   two-sided: power = Phi(|d| sqrt(n_eff) - z(1-alpha/2)) + Phi(-|d| sqrt(n_eff) - z(1-alpha/2))   (2)
 *   one-sided: power = Phi(|d| sqrt(n_eff) - z(1-alpha))                                  (3)
 *   n1 = (u / d)^2 (1 + r) / r                                                           (4)
 *   |d| = u / sqrt(n_eff)                                                                  (5)
 * </pre>
 * where u is the standardized shift that gives the planned power: one-sided, u = z(1-alpha) + z(power) exactly
 * (6); two-sided, (2) counts the rejections in the far tail too (as statsmodels does), so u is the root of (2) in
 * u = |d| sqrt(n_eff), found by {@link MonotoneBisection} on [0, z(1-alpha/2) + z(power)] (7): (2) increases in
 * u for u &gt;= 0, equals alpha &lt; power at 0, and is at least the power at the upper end, where the near tail
 * alone gives it. The far tail lowers n by a relative 1e-6 or so at alpha 0.05, which is why the closed form
 * (6) with z(1-alpha/2) would not match statsmodels to 1e-9.
 *
 * <p>References:
 * <ol>
 *   <li>statsmodels {@code statsmodels.stats.power.NormalIndPower} (power, solve_power).</li>
 *   <li>J. Cohen, Statistical Power Analysis for the Behavioral Sciences, 2nd ed., Lawrence Erlbaum, 1988,
 *       ch. 2 and 12 (power tables from the normal approximation). doi:10.4324/9780203771587</li>
 *   <li>S.-C. Chow, J. Shao, H. Wang, Sample Size Calculations in Clinical Research, 2nd ed., Chapman &amp;
 *       Hall/CRC, 2008, sec. 3.2 (two-sample parallel design, test for equality).</li>
 * </ol>
 */
public final class NormalPower {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private NormalPower() {
    }

    /** Power of the z test for effect size {@code effectSize} with {@code controlN} control units. */
    public static double power(double effectSize, double controlN, Design design) {
        Validation.positive("controlN", controlN);
        double shift = Math.abs(effectSize) * Math.sqrt(controlN * design.effectiveFraction()); // (1)
        return powerAtShift(shift, design);
    }

    /** Control units (un-rounded) that give the design's power for effect size {@code effectSize} != 0. */
    public static double sampleSize(double effectSize, Design design) {
        Validation.finiteNonZero("effectSize", effectSize);
        double u = requiredShift(design);
        return (u / effectSize) * (u / effectSize) / design.effectiveFraction(); // (4)
    }

    /** The smallest |effect size| that {@code controlN} control units detect with the design's power. */
    public static double detectableEffectSize(double controlN, Design design) {
        Validation.positive("controlN", controlN);
        return requiredShift(design) / Math.sqrt(controlN * design.effectiveFraction()); // (5)
    }

    /** u = |d| sqrt(n_eff) at which the test reaches the design's power. */
    static double requiredShift(Design design) {
        double zAlpha = STANDARD.inverseSurvivalProbability(design.alternative().tailAlpha(design.alpha()));
        double nearTailOnly = zAlpha + STANDARD.inverseCumulativeProbability(design.power()); // (6)
        if (design.alternative() == Alternative.ONE_SIDED) {
            return nearTailOnly;
        }
        return MonotoneBisection.boundary(u -> powerAtShift(u, design) >= design.power(), 0, nearTailOnly); // (7)
    }

    private static double powerAtShift(double shift, Design design) {
        double zAlpha = STANDARD.inverseSurvivalProbability(design.alternative().tailAlpha(design.alpha()));
        double near = STANDARD.cumulativeProbability(shift - zAlpha);
        if (design.alternative() == Alternative.ONE_SIDED) {
            return near; // (3)
        }
        return near + STANDARD.cumulativeProbability(-shift - zAlpha); // (2)
    }
}
