package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The central-t approximation: (a) the same formula computed with scipy 1.17.1's t distribution
 * (central_t_power in reference_values.py), tolerance 1e-7 relative (t tails); (b) its documented agreement with the exact noncentral-t answers of
 * statsmodels 0.15.0 {@code TTestIndPower} (grid t_sample_sizes.csv) and R 4.2.2 {@code power.t.test}
 * (reference_values.R): within -0.22 and +0.09 units; over the wide grid t_sample_sizes_wide.csv, -0.73 to +2.11
 * units; (c) the z formula's documented deficit.
 */
class CentralTPowerTest {

    @Test
    void sampleSizeMatchesTheSameFormulaInScipy() {
        // scipy 1.17.1: brentq on central_t_power(d=0.5, n, alpha=0.05, ratio=1, alt='two-sided') - 0.8
        Close.relative(63.778296914443445, CentralTPower.sampleSize(0.5, Design.twoSided(0.05, 0.8)), Close.T_TAIL);
        // scipy 1.17.1: brentq on central_t_power(d=0.2, n, alpha=0.05, ratio=2, alt='larger') - 0.8
        Close.relative(232.3520487402683, CentralTPower.sampleSize(0.2, new Design(0.05, 0.8, 2, Alternative.ONE_SIDED)),
                Close.T_TAIL);
        // scipy 1.17.1: brentq on central_t_power(d=1.0, n, alpha=0.01, ratio=1, alt='two-sided') - 0.9
        Close.relative(31.286346060857227, CentralTPower.sampleSize(1.0, Design.twoSided(0.01, 0.9)), Close.T_TAIL);
        // scipy 1.17.1: brentq on central_t_power(d=0.05, n, alpha=0.05, ratio=1, alt='two-sided') - 0.8
        Close.relative(6280.063452741103, CentralTPower.sampleSize(0.05, Design.twoSided(0.05, 0.8)), Close.T_TAIL);
    }

    @Test
    void powerAndDetectableEffectMatchScipy() {
        Design twoSidedRatio2 = new Design(0.05, 0.8, 2, Alternative.TWO_SIDED);
        // scipy 1.17.1: central_t_power(0.4, 20, 0.05, 2, 'two-sided')
        Close.relative(0.295753490344346, CentralTPower.power(0.4, 20, twoSidedRatio2), Close.T_TAIL);
        // scipy 1.17.1: (stats.t.isf(0.05, 98) + stats.t.ppf(0.8, 98)) / np.sqrt(50 * 1 / 2)  (one-sided, n1=50, r=1)
        Close.relative(0.5011711213378296, CentralTPower.detectableEffectSize(50,
                new Design(0.05, 0.8, 1, Alternative.ONE_SIDED)), Close.T_TAIL);
        // scipy 1.17.1: brentq on central_t_power(0.4, 20, 0.05, 2, 'two-sided') - 0.8 in d  (two-sided, n1=20, r=2)
        Close.relative(0.780384849994274, CentralTPower.detectableEffectSize(20, twoSidedRatio2), Close.T_TAIL);
    }

    @Test
    void agreesWithTheExactNoncentralTAnswerWithinTheStatedBound() {
        double lowest = 0;
        double highest = 0;
        int rows = 0;
        for (Map<String, String> row : ReferenceGrid.read("t_sample_sizes.csv")) {
            double exact = ReferenceGrid.number(row, "ttest_n");
            Design design = ReferenceGrid.design(row);
            double d = ReferenceGrid.number(row, "d");
            double deviation = CentralTPower.sampleSize(d, design) - exact;
            assertTrue(deviation >= -0.22 && deviation <= 0.09, () -> row + ": central t off by " + deviation);
            double normalDeficit = exact - NormalPower.sampleSize(d, design);
            assertTrue(normalDeficit >= 0.45 && normalDeficit <= 1.93, () -> row + ": z formula low by " + normalDeficit);
            lowest = Math.min(lowest, deviation);
            highest = Math.max(highest, deviation);
            rows++;
        }
        assertEquals(88, rows);
        // the bound is tight on this grid, so a looser approximation would show
        assertTrue(lowest < -0.21 && highest > 0.08, lowest + " .. " + highest);
    }

    /**
     * t_sample_sizes_wide.csv: d 0.01 to 2, alpha 0.001 to 0.2, power 0.5 to 0.99, ratio 0.1 to 10, both
     * alternatives. The small grid's -0.22 .. +0.09 does not hold here: the extremes are -0.730 (d 2, alpha 0.001,
     * power 0.9, ratio 0.1, two-sided) and +2.106 (d 2, alpha 0.2, power 0.99, ratio 0.1, one-sided).
     */
    @Test
    void agreesWithTheExactNoncentralTAnswerWithinTheStatedBoundOverTheWideGrid() {
        double lowest = 0;
        double highest = 0;
        double smallestNormalDeficit = Double.POSITIVE_INFINITY;
        double largestNormalDeficit = 0;
        int roundedUpBelowExact = 0;
        int rows = 0;
        for (Map<String, String> row : ReferenceGrid.read("t_sample_sizes_wide.csv")) {
            double exact = ReferenceGrid.number(row, "ttest_n");
            Design design = ReferenceGrid.design(row);
            double d = ReferenceGrid.number(row, "d");
            double n = CentralTPower.sampleSize(d, design);
            double deviation = n - exact;
            assertTrue(deviation >= -0.74 && deviation <= 2.12, () -> row + ": central t off by " + deviation);
            double normalDeficit = exact - NormalPower.sampleSize(d, design);
            assertTrue(normalDeficit >= 0.03 && normalDeficit <= 5.01, () -> row + ": z formula low by " + normalDeficit);
            lowest = Math.min(lowest, deviation);
            highest = Math.max(highest, deviation);
            smallestNormalDeficit = Math.min(smallestNormalDeficit, normalDeficit);
            largestNormalDeficit = Math.max(largestNormalDeficit, normalDeficit);
            if (Math.ceil(n) < exact) {
                roundedUpBelowExact++;
            }
            rows++;
        }
        assertEquals(1054, rows);
        // the bounds are tight on this grid, so a looser approximation would show
        assertTrue(lowest < -0.72 && highest > 2.10, lowest + " .. " + highest);
        assertTrue(smallestNormalDeficit < 0.04 && largestNormalDeficit > 4.99,
                smallestNormalDeficit + " .. " + largestNormalDeficit);
        assertEquals(68, roundedUpBelowExact);
    }

    @Test
    void agreesWithRPowerTTest() {
        // R 4.2.2: power.t.test(delta = 0.5, sd = 1, power = 0.8, tol = 1e-12)$n
        assertEquals(63.765763724846821, CentralTPower.sampleSize(0.5, Design.twoSided(0.05, 0.8)), 0.22);
        // R 4.2.2: power.t.test(delta = 2, sd = 10, sig.level = 0.01, power = 0.9, alternative = "one.sided", tol = 1e-12)$n
        assertEquals(652.20180707202451, CentralTPower.sampleSize(0.2, new Design(0.01, 0.9, 1, Alternative.ONE_SIDED)),
                0.22);
        // R 4.2.2: power.t.test(delta = 1, sd = 1, power = 0.8, tol = 1e-12)$n
        assertEquals(16.714759831157942, CentralTPower.sampleSize(1, Design.twoSided(0.05, 0.8)), 0.22);
    }

    @Test
    void inversionsRoundTrip() {
        for (Design design : new Design[] {Design.twoSided(0.05, 0.8), new Design(0.01, 0.9, 2, Alternative.ONE_SIDED)}) {
            for (double n : new double[] {2.5, 40, 1e6}) {
                double d = CentralTPower.detectableEffectSize(n, design);
                Close.relative(n, CentralTPower.sampleSize(d, design), 1e-9);
                Close.relative(design.power(), CentralTPower.power(d, n, design), 1e-9);
            }
        }
    }

    @Test
    void rejectsSamplesWithoutDegreesOfFreedom() {
        Design design = Design.twoSided(0.05, 0.8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CentralTPower.detectableEffectSize(1, design))
                .getMessage().startsWith("controlN must give more than 2 units"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CentralTPower.sampleSize(Double.NaN, design))
                .getMessage().startsWith("effectSize"));
    }
}
