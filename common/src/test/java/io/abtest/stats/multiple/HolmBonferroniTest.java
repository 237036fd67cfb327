package io.abtest.stats.multiple;

import static io.abtest.stats.multiple.MultipletestsReference.assertMatches;

import org.junit.jupiter.api.Test;

/**
 * {@link HolmBonferroni} pinned against statsmodels 0.15.0 {@code statsmodels.stats.multitest.multipletests}, computed
 * offline by {@code src/test/resources/io/abtest/stats/srm/reference_values.py}: adjusted p-values to 1e-12
 * relative (closed form) and the rejections at alpha = 0.05.
 */
class HolmBonferroniTest {

    @Test
    void unsortedInput() {
        // statsmodels 0.15.0: multipletests([0.01, 0.04, 0.03, 0.005], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.01, 0.04, 0.03, 0.005},
                new double[] {0.03, 0.06, 0.06, 0.02},
                new boolean[] {true, false, false, true});
    }

    @Test
    void ties() {
        // statsmodels 0.15.0: multipletests([0.02, 0.02, 0.02, 0.5], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.02, 0.02, 0.02, 0.5},
                new double[] {0.08, 0.08, 0.08, 0.5},
                new boolean[] {false, false, false, false});
    }

    @Test
    void zeroAndOne() {
        // statsmodels 0.15.0: multipletests([0.0, 1.0, 0.04, 0.2], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.0, 1.0, 0.04, 0.2},
                new double[] {0.0, 1.0, 0.12, 0.4},
                new boolean[] {true, false, false, false});
    }

    @Test
    void singleTest() {
        // statsmodels 0.15.0: multipletests([0.03], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.03},
                new double[] {0.03},
                new boolean[] {true});
    }

    @Test
    void nothingSignificant() {
        // statsmodels 0.15.0: multipletests([0.5, 0.7, 0.9], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.5, 0.7, 0.9},
                new double[] {1.0, 1.0, 1.0},
                new boolean[] {false, false, false});
    }

    @Test
    void exactlyAtTheLevel() {
        // statsmodels 0.15.0: multipletests([0.025, 0.5], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.025, 0.5},
                new double[] {0.05, 0.5},
                new boolean[] {true, false});
    }

    @Test
    void verySmallPValues() {
        // statsmodels 0.15.0: multipletests([1e-10, 3e-08, 0.002, 0.0021, 0.9], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {1e-10, 3e-08, 0.002, 0.0021, 0.9},
                new double[] {5e-10, 1.2e-07, 0.006, 0.006, 0.9},
                new boolean[] {true, true, true, true, false});
    }

    @Test
    void tenTestsUnsorted() {
        // statsmodels 0.15.0: multipletests([0.041, 0.001, 0.35, 0.0088, 0.049, 0.013, 0.77, 0.0004, 0.21, 0.046], alpha=0.05, method='holm')
        assertMatches(new HolmBonferroni(), new double[] {0.041, 0.001, 0.35, 0.0088, 0.049, 0.013, 0.77, 0.0004, 0.21, 0.046},
                new double[] {0.246, 0.009000000000000001, 0.7, 0.0704, 0.246, 0.091, 0.77, 0.004, 0.63, 0.246},
                new boolean[] {false, true, false, false, false, false, false, true, false, false});
    }
}
