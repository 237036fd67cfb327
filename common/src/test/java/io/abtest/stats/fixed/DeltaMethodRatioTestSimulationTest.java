package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Clicks per request with correlated requests within a unit ({@link UnitGenerator#clicksPerRequest}), 10,000
 * experiments per check, seeded (about 8 s). Bands: see {@link SimulationTally}. Observed with these seeds: A/A
 * rejection rate 0.0502; coverage at 0.10 vs 0.11 clicks per request (1,000 vs 700 units): 0.9493 (difference),
 * 0.9500 (lift).
 */
class DeltaMethodRatioTestSimulationTest {

    @Test
    void aaFalsePositiveRateIsAlpha() {
        UnitGenerator units = new UnitGenerator(31);
        SimulationTally tally = SimulationTally.run(10_000, () -> DeltaMethodRatioTest.test(
                units.clicksPerRequest(1000, 0.1), units.clicksPerRequest(1000, 0.1), 0.05), 0, 0);
        assertTrue(tally.rejectionRate() >= 0.04 && tally.rejectionRate() <= 0.06, tally.toString());
    }

    @Test
    void intervalsCoverTheTrueEffect() {
        UnitGenerator units = new UnitGenerator(32);
        SimulationTally tally = SimulationTally.run(10_000, () -> DeltaMethodRatioTest.test(
                units.clicksPerRequest(1000, 0.10), units.clicksPerRequest(700, 0.11), 0.05), 0.01, 0.1);
        assertTrue(tally.coverage() >= 0.94 && tally.coverage() <= 0.96, tally.toString());
        assertTrue(tally.relativeCoverage() >= 0.94 && tally.relativeCoverage() <= 0.96, tally.toString());
    }
}
