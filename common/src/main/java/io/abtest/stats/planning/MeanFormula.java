package io.abtest.stats.planning;

/** Which power formula plans a mean (or ratio) metric, for a standardized effect d = delta / sigma. */
public enum MeanFormula {
    /**
     * Student t quantiles with the pooled test's degrees of freedom ({@link CentralTPower}); the default: -0.73 to
     * +2.11 units from the exact noncentral-t answer over the grid named there, where the z formula is 0.03 to 5.0
     * units low (it matters only for small samples).
     */
    CENTRAL_T {
        @Override
        public double sampleSize(double effectSize, Design design) {
            return CentralTPower.sampleSize(effectSize, design);
        }

        @Override
        public double power(double effectSize, double controlN, Design design) {
            return CentralTPower.power(effectSize, controlN, design);
        }

        @Override
        public double detectableEffectSize(double controlN, Design design) {
            return CentralTPower.detectableEffectSize(controlN, design);
        }
    },
    /** Normal quantiles ({@link NormalPower}; statsmodels {@code NormalIndPower} with {@code effect_size=d}). */
    NORMAL {
        @Override
        public double sampleSize(double effectSize, Design design) {
            return NormalPower.sampleSize(effectSize, design);
        }

        @Override
        public double power(double effectSize, double controlN, Design design) {
            return NormalPower.power(effectSize, controlN, design);
        }

        @Override
        public double detectableEffectSize(double controlN, Design design) {
            return NormalPower.detectableEffectSize(controlN, design);
        }
    };

    public static final MeanFormula DEFAULT = CENTRAL_T;

    /** Control units, un-rounded, for standardized effect d != 0. */
    public abstract double sampleSize(double effectSize, Design design);

    public abstract double power(double effectSize, double controlN, Design design);

    /** The smallest |d| that {@code controlN} control units detect. */
    public abstract double detectableEffectSize(double controlN, Design design);
}
