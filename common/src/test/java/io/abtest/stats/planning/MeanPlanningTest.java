package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanPlanningTest {

    private static final Design DESIGN = Design.twoSided(0.05, 0.8);

    /** Baseline mean 20 (e.g. revenue per user), sd 40, 1% relative lift: delta 0.2, d = 0.005. */
    @Test
    void relativeLiftBecomesAStandardizedEffect() {
        SampleSize normal = MeanPlanning.sampleSize(20, 40, 0.01, DESIGN, MeanFormula.NORMAL);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=0.1, alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        //   scaled: n is proportional to 1/d^2, and d = 0.005 = 0.1 / 20
        Close.relative(1569.7721018652398 * 400, normal.control(), Close.CLOSED_FORM);
        SampleSize t = MeanPlanning.sampleSize(20, 40, 0.01, DESIGN);
        // the exact t answer is about z(0.975)^2 / 4 = 0.96 above the z formula's (Guenther); central t is within
        // -0.22 .. +0.09 of the exact answer
        double above = t.control() - normal.control();
        assertTrue(above > 0.96 - 0.22 && above < 0.96 + 0.09, "central t above z by " + above);
    }

    @Test
    void absoluteDifference() {
        SampleSize size = MeanPlanning.sampleSizeForDifference(-1.5, 1, Design.twoSided(0.01, 0.9), MeanFormula.NORMAL);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=1.5, alpha=0.01, power=0.9, ratio=1, alternative='two-sided')
        Close.relative(13.226121925779983, size.control(), Close.CLOSED_FORM);
        assertEquals(14, size.controlUnits());
    }

    @Test
    void minimumDetectableEffectRoundTrips() {
        for (MeanFormula formula : MeanFormula.values()) {
            DetectableEffect mde = MeanPlanning.minimumDetectableEffect(-3, 2, 800, DESIGN.withAllocationRatio(3), formula);
            Close.relative(mde.difference() / 2, mde.standardized(), 1e-12);
            SampleSize back = MeanPlanning.sampleSizeForDifference(
                    mde.difference(), 2, DESIGN.withAllocationRatio(3), formula);
            Close.relative(800, back.control(), 1e-9, formula.name());
            Close.relative(2400, back.treatment(), 1e-9, formula.name());
        }
    }

    @Test
    void badInputNamesTheParameter() {
        assertEquals("standardDeviation must be positive and finite, was 0.0", assertThrows(
                IllegalArgumentException.class, () -> MeanPlanning.sampleSize(10, 0, 0.02, DESIGN)).getMessage());
        assertEquals("baselineMean must be finite and non-zero, was 0.0", assertThrows(
                IllegalArgumentException.class, () -> MeanPlanning.sampleSize(0, 1, 0.02, DESIGN)).getMessage());
        assertEquals("relativeLift must be positive and finite, was 0.0", assertThrows(
                IllegalArgumentException.class, () -> MeanPlanning.sampleSize(10, 1, 0, DESIGN)).getMessage());
        assertEquals("difference must be positive and finite, was 0.0", assertThrows(IllegalArgumentException.class,
                () -> MeanPlanning.sampleSizeForDifference(0, 1, DESIGN, MeanFormula.NORMAL)).getMessage());
    }
}
