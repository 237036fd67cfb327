package io.abtest.jobs.analysis.aggregate;

import io.abtest.stats.summary.SufficientStatistics;

/** One unit's value of one metric: value (a ratio's numerator), denominator and covariate. */
public record UnitValue(double y, double d, double c) {

    public SufficientStatistics asSummary() {
        return SufficientStatistics.ofUnit(y, d, c);
    }
}
