package io.abtest.stats.multiple;

import io.abtest.config.MultipleTestingCorrection;
import io.abtest.stats.TestStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Raw and adjusted p-values of a family of tests, in input order.
 *
 * @param method the correction applied
 * @param status OK; NOT_ENOUGH_DATA when no test has a p-value; INVALID_INPUT when a p-value is outside [0, 1]
 * @param detail words for a status other than OK; null when OK
 * @param raw the p-values as given; null where a test could not run
 * @param adjusted the adjusted p-values, monotone in the raw ones and at most 1; null where the raw one is null,
 *     and all null unless OK
 * @param familySize m, the number of non-null p-values the correction counted
 */
public record AdjustedPValues(
        MultipleTestingCorrection method,
        TestStatus status,
        String detail,
        List<Double> raw,
        List<Double> adjusted,
        int familySize) {

    /**
     * Which tests are rejected at the family level: adjusted p &lt;= level (the convention of statsmodels
     * {@code multipletests}). Null where the test has no adjusted p-value.
     *
     * @param level the family-wise error rate (Bonferroni, Holm) or false discovery rate (Benjamini-Hochberg),
     *     in (0, 1)
     */
    public List<Boolean> rejected(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1): " + level);
        }
        List<Boolean> rejected = new ArrayList<>(adjusted.size());
        for (Double p : adjusted) {
            rejected.add(p == null ? null : p <= level);
        }
        return Collections.unmodifiableList(rejected);
    }

    /** The number of tests rejected at the level. */
    public int rejectedCount(double level) {
        return (int) rejected(level).stream().filter(Boolean.TRUE::equals).count();
    }
}
