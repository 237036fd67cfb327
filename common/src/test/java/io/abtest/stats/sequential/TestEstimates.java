package io.abtest.stats.sequential;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;

/**
 * Test-only construction of an {@link Estimate} from two summaries (the fixed-horizon classes that build Estimates
 * are written elsewhere): difference of means, Welch standard error sqrt(var_t/n_t + var_c/n_c), lift
 * diff/mean_c and its delta-method standard error sqrt(var_t/(n_t m_c^2) + m_t^2 var_c/(n_c m_c^4)).
 */
final class TestEstimates {

    private TestEstimates() {}

    static Estimate of(SufficientStatistics control, SufficientStatistics treatment) {
        long nc = control.n();
        long nt = treatment.n();
        if (nc < 2 || nt < 2) {
            return new Estimate(TestStatus.NOT_ENOUGH_DATA, "fewer than two units in a variant",
                    nc, null, nt, null, null, null, null, null, Double.POSITIVE_INFINITY);
        }
        double mc = control.meanY();
        double mt = treatment.meanY();
        double vc = control.varianceY();
        double vt = treatment.varianceY();
        double difference = mt - mc;
        double standardError = Math.sqrt(vt / nt + vc / nc);
        Double relative = null;
        Double relativeStandardError = null;
        if (mc != 0) {
            relative = difference / mc;
            relativeStandardError = Math.sqrt(vt / (nt * mc * mc) + mt * mt * vc / (nc * mc * mc * mc * mc));
        }
        return new Estimate(TestStatus.OK, null, nc, mc, nt, mt, difference, standardError,
                relative, relativeStandardError, Double.POSITIVE_INFINITY);
    }

    /** An OK estimate with the given numbers and 1000 units per variant. */
    static Estimate withDifference(double difference, double standardError, Double relative,
            Double relativeStandardError) {
        return new Estimate(TestStatus.OK, null, 1000, 0.1, 1000, 0.1 + difference, difference, standardError,
                relative, relativeStandardError, Double.POSITIVE_INFINITY);
    }
}
