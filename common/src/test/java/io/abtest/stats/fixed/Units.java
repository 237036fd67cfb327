package io.abtest.stats.fixed;

import io.abtest.stats.summary.SufficientStatistics;

/** Summaries built unit by unit, the way the aggregation builds them. */
final class Units {

    private Units() {}

    static SufficientStatistics values(double... ys) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (double y : ys) {
            s = s.merge(SufficientStatistics.ofUnit(y));
        }
        return s;
    }

    static SufficientStatistics conversions(int converted, int units) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < units; i++) {
            s = s.merge(SufficientStatistics.ofUnit(i < converted ? 1 : 0));
        }
        return s;
    }

    /** Ratio units: numerators ys[i], denominators ds[i], no covariate. */
    static SufficientStatistics ratios(double[] ys, double[] ds) {
        SufficientStatistics s = SufficientStatistics.EMPTY;
        for (int i = 0; i < ys.length; i++) {
            s = s.merge(SufficientStatistics.ofUnit(ys[i], ds[i], 0));
        }
        return s;
    }
}
