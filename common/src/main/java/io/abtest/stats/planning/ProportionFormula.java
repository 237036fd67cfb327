package io.abtest.stats.planning;

/** Which power formula plans a proportion metric. */
public enum ProportionFormula {
    /**
     * Pooled variance under the null, unpooled under the alternative (Fleiss; R {@code power.prop.test}); the
     * default, because it is the power of the pooled two-proportion z test the analysis runs.
     */
    POOLED {
        @Override
        public double sampleSize(double p1, double p2, Design design) {
            return PooledProportionPower.sampleSize(p1, p2, design);
        }

        @Override
        public double power(double p1, double p2, double controlN, Design design) {
            return PooledProportionPower.power(p1, p2, controlN, design);
        }

        @Override
        public double detectableRate(double p1, double controlN, Design design, EffectDirection direction) {
            return PooledProportionPower.detectableRate(p1, controlN, design, direction);
        }
    },
    /** Cohen's h with the normal formula (statsmodels {@code NormalIndPower} + {@code proportion_effectsize}). */
    ARCSINE {
        @Override
        public double sampleSize(double p1, double p2, Design design) {
            return ArcsineProportionPower.sampleSize(p1, p2, design);
        }

        @Override
        public double power(double p1, double p2, double controlN, Design design) {
            return ArcsineProportionPower.power(p1, p2, controlN, design);
        }

        @Override
        public double detectableRate(double p1, double controlN, Design design, EffectDirection direction) {
            return ArcsineProportionPower.detectableRate(p1, controlN, design, direction);
        }
    };

    public static final ProportionFormula DEFAULT = POOLED;

    /** Control units, un-rounded, for control rate p1 and treatment rate p2. */
    public abstract double sampleSize(double p1, double p2, Design design);

    public abstract double power(double p1, double p2, double controlN, Design design);

    /** Treatment rate at the smallest effect in {@code direction} that {@code controlN} control units detect. */
    public abstract double detectableRate(double p1, double controlN, Design design, EffectDirection direction);
}
