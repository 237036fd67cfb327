package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * CUPED on a skewed mean metric with a pre-period covariate (corr about 0.96) and on clicks per request with the
 * pre-period clicks, 10,000 experiments per check, seeded (about 9 s in all). Bands: see
 * {@link SimulationTally}. Observed with these seeds: mean metric A/A 0.0495, coverage 0.9518 (difference) and
 * 0.9511 (lift), power 0.84 at +0.3; ratio metric A/A 0.0505, coverage 0.9489 and 0.9472.
 */
class RegressionAdjustmentSimulationTest {

    @Test
    void aaFalsePositiveRateIsAlpha() {
        UnitGenerator units = new UnitGenerator(41);
        SimulationTally tally = SimulationTally.run(10_000, () -> RegressionAdjustment.test(
                units.withCovariate(1000, 0), units.withCovariate(1000, 0), 0.05), 0, 0);
        assertTrue(tally.rejectionRate() >= 0.04 && tally.rejectionRate() <= 0.06, tally.toString());
    }

    @Test
    void intervalsCoverTheTrueEffect() {
        UnitGenerator units = new UnitGenerator(42);
        double lift = 0.3 / UnitGenerator.withCovariateMean(0);
        SimulationTally tally = SimulationTally.run(10_000, () -> RegressionAdjustment.test(
                units.withCovariate(1000, 0), units.withCovariate(800, 0.3), 0.05), 0.3, lift);
        assertTrue(tally.coverage() >= 0.94 && tally.coverage() <= 0.96, tally.toString());
        assertTrue(tally.relativeCoverage() >= 0.94 && tally.relativeCoverage() <= 0.96, tally.toString());
    }

    @Test
    void ratioAaFalsePositiveRateIsAlpha() {
        UnitGenerator units = new UnitGenerator(43);
        SimulationTally tally = SimulationTally.run(10_000, () -> RegressionAdjustment.testRatio(
                units.clicksPerRequest(1000, 0.1), units.clicksPerRequest(1000, 0.1), 0.05), 0, 0);
        assertTrue(tally.rejectionRate() >= 0.04 && tally.rejectionRate() <= 0.06, tally.toString());
    }

    @Test
    void ratioIntervalsCoverTheTrueEffect() {
        UnitGenerator units = new UnitGenerator(44);
        SimulationTally tally = SimulationTally.run(10_000, () -> RegressionAdjustment.testRatio(
                units.clicksPerRequest(1000, 0.10), units.clicksPerRequest(700, 0.11), 0.05), 0.01, 0.1);
        assertTrue(tally.coverage() >= 0.94 && tally.coverage() <= 0.96, tally.toString());
        assertTrue(tally.relativeCoverage() >= 0.94 && tally.relativeCoverage() <= 0.96, tally.toString());
    }
}
