package io.abtest.stats.planning;

/**
 * Sample size and minimum detectable effect of a mean metric from its baseline mean and per-unit standard
 * deviation sigma, with the relative lift of the configuration: delta = |baseline mean| x lift, d = delta / sigma.
 * Formulas: {@link MeanFormula#CENTRAL_T} (default) and {@link MeanFormula#NORMAL}. The same holds for a ratio
 * metric analysed by the delta method, with sigma the standard deviation of its per-unit linearization
 * (y - R x) / mean(x).
 *
 * <p>Every method throws {@link IllegalArgumentException} naming the parameter for a zero or non-finite baseline
 * mean, a non-positive sigma, lift, difference or sample.
 */
public final class MeanPlanning {

    private MeanPlanning() {
    }

    /** Units per variant to detect the relative change {@code relativeLift} of {@code baselineMean}. */
    public static SampleSize sampleSize(double baselineMean, double standardDeviation, double relativeLift,
            Design design, MeanFormula formula) {
        Validation.finiteNonZero("baselineMean", baselineMean);
        Validation.positive("relativeLift", relativeLift);
        return sampleSizeForDifference(Math.abs(baselineMean) * relativeLift, standardDeviation, design, formula);
    }

    public static SampleSize sampleSize(double baselineMean, double standardDeviation, double relativeLift,
            Design design) {
        return sampleSize(baselineMean, standardDeviation, relativeLift, design, MeanFormula.DEFAULT);
    }

    /** Units per variant to detect an absolute difference {@code difference} of means. */
    public static SampleSize sampleSizeForDifference(double difference, double standardDeviation, Design design,
            MeanFormula formula) {
        Validation.positive("difference", Math.abs(difference));
        Validation.positive("standardDeviation", standardDeviation);
        double d = difference / standardDeviation;
        return SampleSize.of(Validation.given("formula", formula).sampleSize(d, design), design);
    }

    /** The smallest change (either way; reported as an increase) that {@code controlN} control units detect. */
    public static DetectableEffect minimumDetectableEffect(double baselineMean, double standardDeviation,
            double controlN, Design design, MeanFormula formula) {
        Validation.finiteNonZero("baselineMean", baselineMean);
        Validation.positive("standardDeviation", standardDeviation);
        double d = Validation.given("formula", formula).detectableEffectSize(controlN, design);
        return DetectableEffect.between(baselineMean, baselineMean + d * standardDeviation, d);
    }

    public static DetectableEffect minimumDetectableEffect(double baselineMean, double standardDeviation,
            double controlN, Design design) {
        return minimumDetectableEffect(baselineMean, standardDeviation, controlN, design, MeanFormula.DEFAULT);
    }
}
