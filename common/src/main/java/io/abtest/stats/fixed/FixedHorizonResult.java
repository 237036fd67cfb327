package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;

/**
 * A fixed-horizon (classical) test of treatment against control, valid when looked at once, at the planned
 * sample size.
 *
 * @param estimate the effect and its standard errors
 * @param status OK, or why numbers are missing
 * @param detail words for a status other than OK; null when OK
 * @param absoluteInterval confidence interval of the difference at the test's level; null unless OK
 * @param relativeInterval confidence interval of the lift; null when the lift has no standard error
 * @param statistic z or t statistic; null unless OK
 * @param pValue two-sided p-value; null unless OK
 */
public record FixedHorizonResult(
        Estimate estimate,
        TestStatus status,
        String detail,
        Interval absoluteInterval,
        Interval relativeInterval,
        Double statistic,
        Double pValue) {}
