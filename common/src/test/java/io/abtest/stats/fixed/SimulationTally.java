package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.stats.TestStatus;
import java.util.function.Supplier;

/**
 * Counts, over replications of one experiment, how often the test rejects at its alpha and how often the
 * intervals contain the true difference and lift. Monte Carlo standard error of a rate near 0.05 over 10,000
 * runs: sqrt(0.05 0.95 / 10000) = 0.0022, so the band [0.04, 0.06] is +-4.5 standard errors (likewise for
 * coverage near 0.95 in [0.94, 0.96]).
 */
final class SimulationTally {

    private int runs;
    private int rejections;
    private int covered;
    private int relativeCovered;

    static SimulationTally run(int runs, Supplier<FixedHorizonResult> experiment, double trueDifference,
            double trueRelative) {
        SimulationTally tally = new SimulationTally();
        for (int i = 0; i < runs; i++) {
            FixedHorizonResult result = experiment.get();
            assertEquals(TestStatus.OK, result.status(), result.detail());
            tally.runs++;
            if (result.pValue() < 0.05) {
                tally.rejections++;
            }
            if (result.absoluteInterval().contains(trueDifference)) {
                tally.covered++;
            }
            if (result.relativeInterval().contains(trueRelative)) {
                tally.relativeCovered++;
            }
        }
        return tally;
    }

    double rejectionRate() {
        return (double) rejections / runs;
    }

    double coverage() {
        return (double) covered / runs;
    }

    double relativeCoverage() {
        return (double) relativeCovered / runs;
    }

    @Override
    public String toString() {
        return "runs=" + runs + " rejection rate=" + rejectionRate() + " coverage=" + coverage()
                + " relative coverage=" + relativeCoverage();
    }
}
