package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;
import java.util.ArrayList;
import java.util.List;

/**
 * The correction the configuration names, applied to the family of (treatment variant x metric x segment)
 * p-values. A test that could not run is a null p-value (NaN in the array form); it stays null and is not
 * counted in the family size (see {@link PValueAdjustment}).
 */
public final class MultipleTestingCorrections {

    private MultipleTestingCorrections() {}

    public static PValueAdjustment of(MultipleTestingCorrection method) {
        return switch (method) {
            case NONE -> new Unadjusted();
            case BONFERRONI -> new Bonferroni();
            case HOLM -> new HolmBonferroni();
            case BENJAMINI_HOCHBERG -> new BenjaminiHochberg();
        };
    }

    /**
     * @param pValues the family's p-values; NaN marks a test that could not run
     */
    public static AdjustedPValues adjust(MultipleTestingCorrection method, double[] pValues) {
        if (pValues == null) {
            return of(method).adjust(null);
        }
        List<Double> boxed = new ArrayList<>(pValues.length);
        for (double p : pValues) {
            boxed.add(Double.isNaN(p) ? null : p);
        }
        return of(method).adjust(boxed);
    }

    /**
     * @param pValues the family's p-values; null marks a test that could not run
     */
    public static AdjustedPValues adjust(MultipleTestingCorrection method, List<Double> pValues) {
        return of(method).adjust(pValues);
    }
}
