package io.abtest.jobs.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The split the sequential SRM check compares against: a coverage step leaves it as it is (the ratio between the
 * arms does not change, so the check goes on), a weight step changes it (the check starts again on the new split).
 */
class WeightsInForceTest {

    private static final ExperimentConfig CONFIG = ExperimentConfigLoader.parse(String.join("\n",
            "experiment_id: ramp",
            "hash_salt: ramp",
            "variants: [{name: champion, weight: 50, control: true}, {name: challenger, weight: 50}]",
            "metrics:",
            "  - {name: converted, kind: proportion, source: values.converted, direction: higher_is_better, primary: true}",
            "minimum_detectable_effect: 0.05",
            "coverage: 0.01",
            "ramp_up:",
            "  - {at: 2026-01-02T00:00:00Z, coverage: 0.1}",
            "  - {at: 2026-01-03T00:00:00Z, coverage: 0.5}",
            "  - {at: 2026-01-04T00:00:00Z, weights: {champion: 80, challenger: 20}}",
            ""), "ramp.yaml");

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void coverageStepsKeepTheSplitAndAWeightStepChangesIt() {
        var first = WeightsInForce.at(CONFIG, at("2026-01-02T12:00:00Z"));
        assertEquals(first, WeightsInForce.at(CONFIG, at("2026-01-03T12:00:00Z")),
                "a coverage step keeps the weights, so the sequential SRM check is not restarted");
        assertEquals(50.0, first.get("challenger"));
        assertNotEquals(first, WeightsInForce.at(CONFIG, at("2026-01-04T12:00:00Z")));
        assertFalse(WeightsInForce.rampComplete(CONFIG, at("2026-01-03T12:00:00Z")), "a coverage ramp is a ramp-up");
        assertTrue(WeightsInForce.rampComplete(CONFIG, at("2026-01-04T12:00:00Z")));
    }
}
