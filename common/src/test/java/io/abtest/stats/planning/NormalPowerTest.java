package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The normal formula for a standardized mean difference d against statsmodels 0.15.0 {@code NormalIndPower}
 * (reference_values.py; pinned n are the full-precision roots of its power function, solve_power being within
 * its xtol=1e-5 of them). Tolerance: 1e-9 relative.
 */
class NormalPowerTest {

    @Test
    void sampleSizeMatchesStatsmodels() {
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=0.1, alpha=0.05, power=0.8, ratio=1, alternative='two-sided')
        Close.relative(1569.7721018652398, NormalPower.sampleSize(0.1, Design.twoSided(0.05, 0.8)), Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=0.02, alpha=0.05, power=0.8, ratio=2, alternative='larger')
        Close.relative(23184.589620074137, NormalPower.sampleSize(0.02, new Design(0.05, 0.8, 2, Alternative.ONE_SIDED)),
                Close.CLOSED_FORM);
        // statsmodels 0.15.0: NormalIndPower().solve_power(effect_size=1.5, alpha=0.01, power=0.9, ratio=1, alternative='two-sided')
        Close.relative(13.226121925779983, NormalPower.sampleSize(1.5, Design.twoSided(0.01, 0.9)), Close.CLOSED_FORM);
    }

    @Test
    void sampleSizeMatchesStatsmodelsGrid() {
        for (var row : ReferenceGrid.read("t_sample_sizes.csv")) {
            Close.relative(ReferenceGrid.number(row, "normal_n"),
                    NormalPower.sampleSize(ReferenceGrid.number(row, "d"), ReferenceGrid.design(row)),
                    Close.CLOSED_FORM, row.toString());
        }
    }

    /** The two-sided answer counts the far tail; dropping it would be 1e-6 off, far outside the tolerance. */
    @Test
    void twoSidedCountsTheFarTail() {
        Design design = Design.twoSided(0.05, 0.8);
        double nearTailOnly = Math.pow((1.959963984540054 + 0.8416212335729143) / 0.1, 2) * 2;
        double n = NormalPower.sampleSize(0.1, design);
        assertTrue(n < nearTailOnly && (nearTailOnly - n) / n > 1e-7, () -> n + " vs " + nearTailOnly);
    }

    @Test
    void inversionsRoundTrip() {
        for (Design design : new Design[] {Design.twoSided(0.05, 0.8), new Design(0.1, 0.95, 0.3, Alternative.ONE_SIDED),
                new Design(0.001, 0.51, 7, Alternative.TWO_SIDED)}) {
            for (double n : new double[] {3, 250, 1e7}) {
                double d = NormalPower.detectableEffectSize(n, design);
                Close.relative(n, NormalPower.sampleSize(d, design), 1e-12);
                Close.relative(design.power(), NormalPower.power(d, n, design), 1e-12);
                Close.relative(design.power(), NormalPower.power(-d, n, design), 1e-12);
            }
        }
    }

    @Test
    void rejectsZeroEffectAndNonPositiveSamples() {
        Design design = Design.twoSided(0.05, 0.8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NormalPower.sampleSize(0, design))
                .getMessage().startsWith("effectSize must be finite and non-zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NormalPower.detectableEffectSize(0, design))
                .getMessage().startsWith("controlN must be positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NormalPower.power(0.1, -5, design))
                .getMessage().startsWith("controlN must be positive"));
    }
}
