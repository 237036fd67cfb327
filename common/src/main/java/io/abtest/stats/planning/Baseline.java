package io.abtest.stats.planning;

/** What the control is expected to show on the primary metric, from history or a previous experiment. */
public sealed interface Baseline {

    /** For a proportion metric: the control's rate, in (0, 1). */
    record Rate(double rate) implements Baseline {
        public Rate {
            Validation.openUnitInterval("baselineRate", rate);
        }
    }

    /**
     * For a mean metric: the control's mean (non-zero, the relative lift is taken of it) and the per-unit
     * standard deviation. For a ratio metric, the ratio of means and the standard deviation of the per-unit
     * linearization (y - R x) / mean(x) that the delta method uses.
     */
    record Mean(double mean, double standardDeviation) implements Baseline {
        public Mean {
            Validation.finiteNonZero("baselineMean", mean);
            Validation.positive("standardDeviation", standardDeviation);
        }
    }

    static Baseline rate(double rate) {
        return new Rate(rate);
    }

    static Baseline mean(double mean, double standardDeviation) {
        return new Mean(mean, standardDeviation);
    }
}
