package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProportionPlanningTest {

    private static final Design DESIGN = Design.twoSided(0.05, 0.8);

    /** The README example: baseline 10% conversion, 2% relative lift, alpha 0.05, power 0.8. */
    @Test
    void readmeExample() {
        SampleSize pooled = ProportionPlanning.sampleSize(0.10, 0.02, DESIGN);
        // R 4.2.2: power.prop.test(p1 = 0.1, p2 = 0.102, power = 0.8, tol = 1e-12)$n
        Close.relative(356334.03656051133, pooled.control(), Close.CLOSED_FORM);
        assertEquals(356_335, pooled.controlUnits());
        assertEquals(356_335, pooled.treatmentUnits());
        assertEquals(712_670, pooled.totalUnits());
        SampleSize arcsine = ProportionPlanning.sampleSize(
                0.10, 0.02, EffectDirection.INCREASE, DESIGN, ProportionFormula.ARCSINE);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.102, 0.1), alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(356326.15350007004, arcsine.control(), Close.CLOSED_FORM);
        assertEquals(356_327, arcsine.controlUnits());
    }

    @Test
    void unequalAllocationGivesTheTreatmentRatioTimesTheControl() {
        SampleSize size = ProportionPlanning.sampleSize(0.1, 0.2, EffectDirection.INCREASE,
                DESIGN.withAllocationRatio(2), ProportionFormula.POOLED);
        // statsmodels 0.15.0: samplesize_proportions_2indep_onetail(diff=0.1 - 0.12, prop2=0.12, power=0.8, ratio=2, alpha=0.05, alternative='two-sided')
        Close.relative(2910.5128308523567, size.control(), Close.CLOSED_FORM);
        Close.relative(2 * 2910.5128308523567, size.treatment(), Close.CLOSED_FORM);
        assertEquals(2911, size.controlUnits());
        assertEquals(5822, size.treatmentUnits());
    }

    @Test
    void decreaseUsesTheLowerRate() {
        SampleSize size = ProportionPlanning.sampleSize(0.5, 0.2, EffectDirection.DECREASE,
                Design.twoSided(0.05, 0.9), ProportionFormula.POOLED);
        // R 4.2.2: power.prop.test(p1 = 0.5, p2 = 0.4, power = 0.9, tol = 1e-12)$n
        Close.relative(518.03716929980715, size.control(), Close.CLOSED_FORM);
    }

    @Test
    void minimumDetectableEffectRoundTripsThroughTheSampleSize() {
        for (ProportionFormula formula : ProportionFormula.values()) {
            for (double baseline : new double[] {0.003, 0.1, 0.6, 0.995}) {
                for (EffectDirection direction : EffectDirection.values()) {
                    DetectableEffect mde = ProportionPlanning.minimumDetectableEffect(
                            baseline, 25_000, direction, DESIGN, formula);
                    assertEquals(baseline, mde.control());
                    assertEquals(mde.treatment() - baseline, mde.difference(), 0);
                    double lift = Math.abs(mde.relative());
                    SampleSize back = ProportionPlanning.sampleSize(baseline, lift, direction, DESIGN, formula);
                    Close.relative(25_000, back.control(), 1e-9, formula + " " + baseline + " " + direction);
                }
            }
        }
    }

    @Test
    void detectableEffectOfTheReadmeSampleIsTheReadmeLift() {
        DetectableEffect mde = ProportionPlanning.minimumDetectableEffect(0.1, 356334.03656051133, DESIGN);
        Close.relative(0.102, mde.treatment(), 1e-12);
        Close.relative(0.02, mde.relative(), 1e-9);
    }

    @Test
    void badInputNamesTheParameter() {
        assertEquals("baselineRate must be in (0, 1), was 1.0", assertThrows(IllegalArgumentException.class,
                () -> ProportionPlanning.sampleSize(1.0, 0.02, DESIGN)).getMessage());
        assertEquals("relativeLift must be positive and finite, was 0.0", assertThrows(IllegalArgumentException.class,
                () -> ProportionPlanning.sampleSize(0.1, 0, DESIGN)).getMessage());
        assertEquals("relativeLift must be positive and finite, was -0.02", assertThrows(
                IllegalArgumentException.class, () -> ProportionPlanning.sampleSize(0.1, -0.02, DESIGN)).getMessage());
        assertEquals("baselineRate=0.6 with relativeLift=0.7 gives treatment rate p2=1.02, outside (0, 1)",
                assertThrows(IllegalArgumentException.class,
                        () -> ProportionPlanning.sampleSize(0.6, 0.7, DESIGN)).getMessage());
        assertEquals("p2 must be in (0, 1), was 1.5", assertThrows(IllegalArgumentException.class,
                () -> ProportionPlanning.sampleSizeForRates(0.5, 1.5, DESIGN, ProportionFormula.ARCSINE)).getMessage());
    }
}
