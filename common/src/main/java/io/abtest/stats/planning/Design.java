package io.abtest.stats.planning;

/**
 * The error rates and allocation a sample size is planned for.
 *
 * <p>Planning is interactive, so, unlike the streaming tests, a design that cannot be planned for is rejected at
 * once: the constructor throws {@link IllegalArgumentException} naming the parameter.
 *
 * @param alpha significance level, in (0, 1)
 * @param power probability of rejecting under the planned effect, in (0, 1) and above alpha (below it, no data
 *     are needed: a test rejects with probability alpha even under no effect)
 * @param allocationRatio treatment units per control unit, > 0 (statsmodels' {@code ratio}: nobs2 = ratio x nobs1)
 * @param alternative two-sided or one-sided in the direction of the effect
 */
public record Design(double alpha, double power, double allocationRatio, Alternative alternative) {

    public Design {
        Validation.openUnitInterval("alpha", alpha);
        Validation.openUnitInterval("power", power);
        if (power <= alpha) {
            throw new IllegalArgumentException(
                    "power must exceed alpha, was power=" + power + " with alpha=" + alpha);
        }
        Validation.positive("allocationRatio", allocationRatio);
        if (alternative == null) {
            throw new IllegalArgumentException("alternative must be given");
        }
    }

    /** Two-sided, equal allocation. */
    public static Design twoSided(double alpha, double power) {
        return new Design(alpha, power, 1, Alternative.TWO_SIDED);
    }

    public Design withAllocationRatio(double ratio) {
        return new Design(alpha, power, ratio, alternative);
    }

    public Design withAlternative(Alternative other) {
        return new Design(alpha, power, allocationRatio, other);
    }

    /**
     * The effective sample size of a two-sample comparison with this allocation, per control unit:
     * {@code 1 / (1/n1 + 1/n2) = n1 r / (1 + r)} divided by n1 (statsmodels {@code NormalIndPower.power}).
     */
    double effectiveFraction() {
        return allocationRatio / (1 + allocationRatio);
    }
}
