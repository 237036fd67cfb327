package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Bernoulli conversions, 1,000 units per arm, 10,000 experiments per check, seeded (about 2 s). Bands: see
 * {@link SimulationTally}. Observed with these seeds: A/A rejection rate 0.0510; coverage at 10% vs 12%: 0.9454
 * (difference), 0.9480 (lift).
 */
class TwoProportionZTestSimulationTest {

    @Test
    void aaFalsePositiveRateIsAlpha() {
        UnitGenerator units = new UnitGenerator(11);
        SimulationTally tally = SimulationTally.run(10_000,
                () -> TwoProportionZTest.test(units.bernoulli(1000, 0.1), units.bernoulli(1000, 0.1), 0.05), 0, 0);
        assertTrue(tally.rejectionRate() >= 0.04 && tally.rejectionRate() <= 0.06, tally.toString());
    }

    @Test
    void intervalsCoverTheTrueEffect() {
        UnitGenerator units = new UnitGenerator(12);
        SimulationTally tally = SimulationTally.run(10_000,
                () -> TwoProportionZTest.test(units.bernoulli(1000, 0.10), units.bernoulli(1000, 0.12), 0.05),
                0.02, 0.2);
        assertTrue(tally.coverage() >= 0.94 && tally.coverage() <= 0.96, tally.toString());
        assertTrue(tally.relativeCoverage() >= 0.94 && tally.relativeCoverage() <= 0.96, tally.toString());
    }
}
