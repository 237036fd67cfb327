package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;
import io.abtest.stats.TestStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A multiple-testing correction: adjusted p-values over a family of tests, to be compared with the level that
 * one test alone would use.
 *
 * <p>A null p-value stands for a test that could not run (not enough data, zero variance, ...). It stays null in
 * the adjusted values and is not counted in the family size m: a test that produced no p-value cannot produce a
 * false rejection, and counting it would make every other test needlessly conservative.
 */
public interface PValueAdjustment {

    /** The configuration's name for this correction. */
    MultipleTestingCorrection method();

    /**
     * Adjusted p-values of a complete family, in input order.
     *
     * @param pValues every p-value in [0, 1]; the family size m is their number
     */
    double[] adjustComplete(double[] pValues);

    /**
     * Adjusted p-values, in input order, of a family in which null marks a test that could not run. A p-value
     * outside [0, 1] or NaN makes the whole result INVALID_INPUT, with every adjusted value null.
     */
    default AdjustedPValues adjust(List<Double> pValues) {
        if (pValues == null) {
            return new AdjustedPValues(method(), TestStatus.INVALID_INPUT, "no p-values were given",
                    List.of(), List.of(), 0);
        }
        List<Double> raw = Collections.unmodifiableList(new ArrayList<>(pValues));
        List<Double> adjusted = new ArrayList<>(Collections.nCopies(raw.size(), (Double) null));
        int[] present = new int[raw.size()];
        int m = 0;
        for (int i = 0; i < raw.size(); i++) {
            Double p = raw.get(i);
            if (p == null) {
                continue;
            }
            if (!(p >= 0 && p <= 1)) {
                return new AdjustedPValues(method(), TestStatus.INVALID_INPUT,
                        "p-value #" + i + " is " + p + ", outside [0, 1]", raw,
                        Collections.unmodifiableList(adjusted), 0);
            }
            present[m++] = i;
        }
        double[] family = new double[m];
        for (int j = 0; j < m; j++) {
            family[j] = raw.get(present[j]);
        }
        double[] familyAdjusted = adjustComplete(family);
        for (int j = 0; j < m; j++) {
            adjusted.set(present[j], familyAdjusted[j]);
        }
        String detail = m == 0 ? "no test in the family has a p-value" : null;
        return new AdjustedPValues(method(), m == 0 ? TestStatus.NOT_ENOUGH_DATA : TestStatus.OK, detail, raw,
                Collections.unmodifiableList(adjusted), m);
    }

    /** Indices of the p-values in ascending order of p-value; ties keep input order. */
    static int[] ascendingOrder(double[] pValues) {
        Integer[] order = new Integer[pValues.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(pValues[a], pValues[b]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
