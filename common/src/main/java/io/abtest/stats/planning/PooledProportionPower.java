package io.abtest.stats.planning;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Power and sample size of the two-proportion z test with the pooled variance under the null and the unpooled
 * variance under the alternative: the normal approximation of Fleiss, Levin and Paik [1, ch. 4] without
 * continuity correction, as R's {@code power.prop.test} [2] computes it for equal groups (r = 1), and as statsmodels'
 * {@code samplesize_proportions_2indep_onetail} / {@code power_proportions_2indep} [3] compute it for any ratio.
 * With control rate p1 on n1 units and treatment rate p2 on r n1 units, q = 1 - p:
 * <pre>
 *   pbar = (p1 + r p2) / (1 + r)                                            (1)
 *   s0 = sqrt(pbar qbar (1 + 1/r))          (null: pooled)                  (2)
 *   s1 = sqrt(p1 q1 + p2 q2 / r)            (alternative: unpooled)         (3)
 *   n1 = (z(1-alpha*) s0 + z(power) s1)^2 / (p2 - p1)^2                     (4)
 *   power = Phi((|p2 - p1| sqrt(n1) - z(1-alpha*) s0) / s1)                 (5)
 * </pre>
 * alpha* = alpha/2 two-sided (the far tail is ignored, as {@code power.prop.test(strict = FALSE)}, R's default)
 * and alpha one-sided. For r = 1, (4) is Fleiss' n = (z_a sqrt(2 pbar qbar) + z_b sqrt(p1 q1 + p2 q2))^2 / d^2.
 *
 * <p>The detectable rate for a given n1 inverts (5) in p2 by {@link MonotoneBisection} between p1 (power alpha*)
 * and 1 (or 0 for a decrease) (6), as R's {@code power.prop.test(n=, p1=, power=)} does with {@code uniroot} on
 * the same interval. The bisection needs (5) to cross the planned power once. It does for a planned power of
 * 0.5 or more: on a grid down to 2 units and ratios 0.1 to 10, (5) never decreases in |p2 - p1| once it has
 * reached 0.5 (a test checks this). Below that, with a handful of units and lopsided allocations, (5) can rise to
 * about 0.34 and dip again, and the answer is then one of several crossings.
 *
 * <p>This is the default for proportion metrics because (5) is the power of the test the fixed-horizon analysis
 * runs (pooled z test), so the planned n is the one that test needs.
 *
 * <p>References:
 * <ol>
 *   <li>J. L. Fleiss, B. Levin, M. C. Paik, Statistical Methods for Rates and Proportions, 3rd ed., Wiley, 2003,
 *       ch. 4 (determining sample sizes needed to detect a difference between two proportions; unequal sample
 *       sizes). doi:10.1002/0471445428</li>
 *   <li>R {@code stats::power.prop.test}.</li>
 *   <li>statsmodels {@code statsmodels.stats.proportion.samplesize_proportions_2indep_onetail}.</li>
 * </ol>
 */
public final class PooledProportionPower {

    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private PooledProportionPower() {
    }

    public static double power(double p1, double p2, double controlN, Design design) {
        ArcsineProportionPower.rate("p1", p1);
        ArcsineProportionPower.rate("p2", p2);
        Validation.positive("controlN", controlN);
        return powerUnchecked(p1, p2, controlN, design);
    }

    /** Control units (un-rounded) by (4); p2 != p1. */
    public static double sampleSize(double p1, double p2, Design design) {
        ArcsineProportionPower.rate("p1", p1);
        ArcsineProportionPower.rate("p2", p2);
        if (p1 == p2) {
            throw new IllegalArgumentException("p2 must differ from p1, both were " + p1);
        }
        double zAlpha = zAlpha(design);
        double zPower = STANDARD.inverseCumulativeProbability(design.power());
        double root = zAlpha * nullSd(p1, p2, design) + zPower * alternativeSd(p1, p2, design);
        if (!(root > 0)) {
            throw new IllegalArgumentException("power=" + design.power() + " is reached with any sample here");
        }
        double d = p2 - p1;
        return root * root / (d * d); // (4)
    }

    /** The treatment rate at the smallest effect {@code controlN} control units detect in that direction. */
    public static double detectableRate(double p1, double controlN, Design design, EffectDirection direction) {
        ArcsineProportionPower.rate("p1", p1);
        Validation.positive("controlN", controlN);
        double bound = Validation.given("direction", direction) == EffectDirection.INCREASE ? 1 : 0;
        if (powerUnchecked(p1, bound, controlN, design) < design.power()) {
            throw new IllegalArgumentException("controlN=" + controlN + " is too small to detect any "
                    + direction.name().toLowerCase() + " from p1=" + p1 + " with power " + design.power());
        }
        return MonotoneBisection.boundary(
                p2 -> powerUnchecked(p1, p2, controlN, design) >= design.power(), p1, bound); // (6)
    }

    private static double powerUnchecked(double p1, double p2, double controlN, Design design) {
        double numerator = Math.abs(p2 - p1) * Math.sqrt(controlN) - zAlpha(design) * nullSd(p1, p2, design);
        return STANDARD.cumulativeProbability(numerator / alternativeSd(p1, p2, design)); // (5)
    }

    private static double zAlpha(Design design) {
        return STANDARD.inverseSurvivalProbability(design.alternative().tailAlpha(design.alpha()));
    }

    private static double nullSd(double p1, double p2, Design design) {
        double r = design.allocationRatio();
        double pooled = (p1 + r * p2) / (1 + r); // (1)
        return Math.sqrt(pooled * (1 - pooled) * (1 + 1 / r)); // (2)
    }

    private static double alternativeSd(double p1, double p2, Design design) {
        return Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2) / design.allocationRatio()); // (3)
    }
}
