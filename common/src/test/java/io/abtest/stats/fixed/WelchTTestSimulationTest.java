package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Log-normal (skewed) values, 10,000 experiments per check, seeded (about 2 s). Bands: see
 * {@link SimulationTally}; the lift's band is [0.935, 0.96] because its delta-method interval is symmetric while
 * the ratio of two right-skewed means is not (observed 0.9435 with 1,000 vs 500 units). Observed with these seeds:
 * A/A rejection rate 0.0486; coverage of the difference 0.9473.
 */
class WelchTTestSimulationTest {

    @Test
    void aaFalsePositiveRateIsAlpha() {
        UnitGenerator units = new UnitGenerator(21);
        SimulationTally tally = SimulationTally.run(10_000,
                () -> WelchTTest.test(units.logNormal(1000, 0), units.logNormal(1000, 0), 0.05), 0, 0);
        assertTrue(tally.rejectionRate() >= 0.04 && tally.rejectionRate() <= 0.06, tally.toString());
    }

    @Test
    void intervalsCoverTheTrueEffectWithUnequalSizes() {
        UnitGenerator units = new UnitGenerator(22);
        double control = Math.exp(0.5);
        double treatment = Math.exp(0.1 + 0.5);
        SimulationTally tally = SimulationTally.run(10_000,
                () -> WelchTTest.test(units.logNormal(1000, 0), units.logNormal(500, 0.1), 0.05),
                treatment - control, treatment / control - 1);
        assertTrue(tally.coverage() >= 0.94 && tally.coverage() <= 0.96, tally.toString());
        assertTrue(tally.relativeCoverage() >= 0.935 && tally.relativeCoverage() <= 0.96, tally.toString());
    }
}
