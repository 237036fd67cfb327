package io.abtest.stats.planning;

/**
 * Sample size and minimum detectable effect of a proportion metric from its baseline rate, with the relative
 * lift of the configuration ({@code minimum_detectable_effect}: 0.02 = 2% lift, treatment rate = baseline x
 * (1 + lift)). Formulas: {@link ProportionFormula#POOLED} (default) and {@link ProportionFormula#ARCSINE}.
 *
 * <p>Example: baseline 10% conversion, 2% relative lift (10% to 10.2%), alpha 0.05 two-sided, power 0.8, equal
 * allocation: 356,335 units per variant by the pooled formula (un-rounded 356,334.04, as R's
 * {@code power.prop.test(p1=0.1, p2=0.102, power=0.8)}), 356,327 by the arcsine formula.
 *
 * <p>Every method throws {@link IllegalArgumentException} naming the parameter for a baseline outside (0, 1), a
 * treatment rate outside (0, 1), a non-positive lift or sample, or a sample too small to detect any effect.
 */
public final class ProportionPlanning {

    private ProportionPlanning() {
    }

    /** Units per variant to detect the relative change {@code relativeLift} from {@code baselineRate}. */
    public static SampleSize sampleSize(double baselineRate, double relativeLift, EffectDirection direction,
            Design design, ProportionFormula formula) {
        double p2 = treatmentRate(baselineRate, relativeLift, direction);
        return SampleSize.of(Validation.given("formula", formula).sampleSize(baselineRate, p2, design), design);
    }

    /** As above, for an increase, with the default formula. */
    public static SampleSize sampleSize(double baselineRate, double relativeLift, Design design) {
        return sampleSize(baselineRate, relativeLift, EffectDirection.INCREASE, design, ProportionFormula.DEFAULT);
    }

    /** Units per variant to detect a change from control rate p1 to treatment rate p2. */
    public static SampleSize sampleSizeForRates(double p1, double p2, Design design, ProportionFormula formula) {
        return SampleSize.of(Validation.given("formula", formula).sampleSize(p1, p2, design), design);
    }

    /** The smallest change in {@code direction} that {@code controlN} control units (r x that treated) detect. */
    public static DetectableEffect minimumDetectableEffect(double baselineRate, double controlN,
            EffectDirection direction, Design design, ProportionFormula formula) {
        double p2 = Validation.given("formula", formula).detectableRate(baselineRate, controlN, design, direction);
        return DetectableEffect.between(baselineRate, p2, ArcsineProportionPower.effectSize(baselineRate, p2));
    }

    public static DetectableEffect minimumDetectableEffect(double baselineRate, double controlN, Design design) {
        return minimumDetectableEffect(
                baselineRate, controlN, EffectDirection.INCREASE, design, ProportionFormula.DEFAULT);
    }

    /** Baseline x (1 +- lift), checked to lie in (0, 1). */
    public static double treatmentRate(double baselineRate, double relativeLift, EffectDirection direction) {
        ArcsineProportionPower.rate("baselineRate", baselineRate);
        Validation.positive("relativeLift", relativeLift);
        double p2 = baselineRate * (1 + Validation.given("direction", direction).sign() * relativeLift);
        if (!(p2 > 0 && p2 < 1)) {
            throw new IllegalArgumentException("baselineRate=" + baselineRate + " with relativeLift=" + relativeLift
                    + " gives treatment rate p2=" + p2 + ", outside (0, 1)");
        }
        return p2;
    }
}
