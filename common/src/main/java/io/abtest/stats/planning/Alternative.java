package io.abtest.stats.planning;

/**
 * The alternative hypothesis a sample size is planned for. One-sided always means in the direction of the planned
 * effect: statsmodels' {@code alternative="larger"} for an increase and {@code "smaller"} for a decrease, R's
 * {@code alternative="one.sided"}.
 */
public enum Alternative {
    TWO_SIDED,
    ONE_SIDED;

    /** The level of the rejection region on the side of the effect: alpha / 2 or alpha. */
    double tailAlpha(double alpha) {
        return this == TWO_SIDED ? alpha / 2 : alpha;
    }
}
