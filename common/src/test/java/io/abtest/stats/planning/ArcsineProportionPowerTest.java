package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cohen's h with the normal formula against statsmodels 0.15.0 (scipy 1.17.1), values from
 * src/test/resources/io/abtest/stats/planning/reference_values.py. solve_power's own root finder stops at
 * xtol=1e-5; the pinned n are the roots of the same statsmodels power function at full precision (the script
 * checks solve_power is within 1e-5 of each). Tolerance: 1e-9 relative.
 */
class ArcsineProportionPowerTest {

    private static final Design TWO_SIDED = Design.twoSided(0.05, 0.8);

    @Test
    void sampleSizeMatchesStatsmodels() {
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.102, 0.1), alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(356326.15350007004, ArcsineProportionPower.sampleSize(0.1, 0.102, TWO_SIDED), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.12, 0.1), alpha=0.05, power=0.8, ratio=2, alternative='larger')
        Close.relative(2265.3868923342125, ArcsineProportionPower.sampleSize(0.1, 0.12,
                new Design(0.05, 0.8, 2, Alternative.ONE_SIDED)), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.6, 0.5), alpha=0.05, power=0.9, ratio=1, alternative='two-sided')
        Close.relative(518.3088534300359, ArcsineProportionPower.sampleSize(0.5, 0.6, Design.twoSided(0.05, 0.9)),
                Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.0015, 0.001), alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(77599.24238580067, ArcsineProportionPower.sampleSize(0.001, 0.0015, TWO_SIDED), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.99, 0.98), alpha=0.01, power=0.9, ratio=2, alternative='two-sided')
        Close.relative(3204.255750910907, ArcsineProportionPower.sampleSize(0.98, 0.99,
                new Design(0.01, 0.9, 2, Alternative.TWO_SIDED)), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.15, 0.2), alpha=0.05, power=0.8, ratio=1, alternative='smaller')
        Close.relative(710.7753161568244, ArcsineProportionPower.sampleSize(0.2, 0.15,
                TWO_SIDED.withAlternative(Alternative.ONE_SIDED)), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.5, 0.1), alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(18.255787261147017, ArcsineProportionPower.sampleSize(0.1, 0.5, TWO_SIDED), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=proportion_effectsize(0.31, 0.3), alpha=0.1, power=0.95, ratio=0.5, alternative='two-sided')
        Close.relative(68816.58409838777, ArcsineProportionPower.sampleSize(0.3, 0.31,
                new Design(0.1, 0.95, 0.5, Alternative.TWO_SIDED)), Close.CLOSED_FORM);
    }

    @Test
    void powerMatchesStatsmodels() {
        // statsmodels 0.15.0: NormalIndPower().power(effect_size=proportion_effectsize(0.12, 0.1), nobs1=3000, alpha=0.05, ratio=1, alternative='two-sided')
        Close.relative(0.6977936186610995, ArcsineProportionPower.power(0.1, 0.12, 3000, TWO_SIDED), Close.CLOSED_FORM);
    }

    @Test
    void detectableRateMatchesStatsmodels() {
        // statsmodels 0.15.0: h = root of NormalIndPower().power(h, 10000, 0.05, ratio=1, alternative='two-sided') - 0.8
        //   by brentq at full precision (= NormalIndPower().solve_power(effect_size=None, nobs1=10000, alpha=0.05,
        //   power=0.8, ratio=1) up to its xtol: 0.039622750977047795); np.sin(np.arcsin(np.sqrt(0.1)) + h / 2) ** 2
        Close.relative(0.11219690872875493,
                ArcsineProportionPower.detectableRate(0.1, 10000, TWO_SIDED, EffectDirection.INCREASE),
                Close.CLOSED_FORM);
        // statsmodels 0.15.0: the same with nobs1=50000, ratio=2, alternative='larger', p1=0.02 (solve_power: 0.013616821662832974)
        Close.relative(0.021951112502177038, ArcsineProportionPower.detectableRate(0.02, 50000,
                new Design(0.05, 0.8, 2, Alternative.ONE_SIDED), EffectDirection.INCREASE), Close.CLOSED_FORM);
    }

    @Test
    void sampleSizeMatchesStatsmodelsGrid() {
        List<Map<String, String>> grid = ReferenceGrid.read("proportion_sample_sizes.csv");
        assertTrue(grid.size() > 300, "grid rows: " + grid.size());
        for (Map<String, String> row : grid) {
            double n = ArcsineProportionPower.sampleSize(
                    ReferenceGrid.number(row, "p1"), ReferenceGrid.number(row, "p2"), ReferenceGrid.design(row));
            Close.relative(ReferenceGrid.number(row, "arcsine_n"), n, Close.CLOSED_FORM, row.toString());
        }
    }

    @Test
    void detectableRateInvertsSampleSize() {
        for (double p1 : new double[] {0.001, 0.05, 0.5, 0.97}) {
            for (Design design : new Design[] {TWO_SIDED, new Design(0.01, 0.9, 2, Alternative.ONE_SIDED)}) {
                for (EffectDirection direction : EffectDirection.values()) {
                    double p2 = ArcsineProportionPower.detectableRate(p1, 40_000, design, direction);
                    assertEquals(direction == EffectDirection.INCREASE, p2 > p1);
                    Close.relative(40_000, ArcsineProportionPower.sampleSize(p1, p2, design), 1e-9);
                    Close.relative(design.power(), ArcsineProportionPower.power(p1, p2, 40_000, design),
                            1e-12);
                }
            }
        }
    }

    @Test
    void effectSizeIsCohensH() {
        // statsmodels 0.15.0: proportion_effectsize(0.102, 0.1) (2*asin(sqrt(p2)) - 2*asin(sqrt(p1)))
        Close.relative(0.006637345934351502, ArcsineProportionPower.effectSize(0.1, 0.102), 1e-12);
    }

    @Test
    void rejectsRatesOutsideTheUnitIntervalAndSamplesTooSmall() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArcsineProportionPower.sampleSize(0, 0.1, TWO_SIDED)).getMessage().startsWith("p1 "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArcsineProportionPower.sampleSize(0.1, 1, TWO_SIDED)).getMessage().startsWith("p2 "));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ArcsineProportionPower.sampleSize(0.1, 0.1, TWO_SIDED)).getMessage().startsWith("effectSize"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ArcsineProportionPower.detectableRate(
                0.99, 3, TWO_SIDED, EffectDirection.INCREASE)).getMessage().startsWith("controlN=3.0 is too small"));
    }
}
