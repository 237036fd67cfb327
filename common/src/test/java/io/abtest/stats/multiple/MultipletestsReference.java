package io.abtest.stats.multiple;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

/** Compares an adjustment with a statsmodels {@code multipletests} result at alpha = 0.05. */
final class MultipletestsReference {

    /** Adjusted p-values are closed forms: 1e-12 relative (absolute below 1e-300). */
    static final double TOLERANCE = 1e-12;

    private MultipletestsReference() {}

    static void assertMatches(PValueAdjustment adjustment, double[] pValues, double[] corrected, boolean[] reject) {
        AdjustedPValues result = adjustment.adjust(Arrays.stream(pValues).boxed().toList());
        assertEquals(pValues.length, result.familySize());
        List<Double> adjusted = result.adjusted();
        List<Boolean> rejected = result.rejected(0.05);
        for (int i = 0; i < pValues.length; i++) {
            int index = i;
            assertEquals(corrected[i], adjusted.get(i), Math.max(Math.abs(corrected[i]) * TOLERANCE, 1e-300),
                    () -> "adjusted p-value #" + index + " of " + Arrays.toString(pValues) + ": " + adjusted);
            assertEquals(reject[i], rejected.get(i), () -> "rejection #" + index + " of " + Arrays.toString(pValues));
        }
    }
}
