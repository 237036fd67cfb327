package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.RampStep;
import io.abtest.config.TargetingRule;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A 1% -> 5% -> 25% -> 50% ramp moves units only from the control to the challenger, step by step. */
class RampUpTest {

    private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");
    private static final int UNITS = 20_000;

    private final AtomicLong now = new AtomicLong();
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final ExperimentRouter router = new ExperimentRouter(Experiments.config("ramp", "salt-ramp", TargetingRule.EVERYONE,
            List.of(step(0, 1), step(1, 5), step(2, 25), step(3, 50)), 50, 50), clock);

    private static RampStep step(int hours, double challengerPercent) {
        return new RampStep(START.plusSeconds(3600L * hours), Map.of("control", 100 - challengerPercent, "c1", challengerPercent));
    }

    private String[] assignAllAt(Instant instant) {
        now.set(instant.toEpochMilli());
        String[] variants = new String[UNITS];
        for (int u = 0; u < UNITS; u++) {
            variants[u] = router.assign("unit-" + u, Map.of()).variant();
        }
        return variants;
    }

    @Test
    void eachStepRaisesTheShareAndOnlyMovesControlUnits() {
        double[] expectedShare = {0.01, 0.01, 0.05, 0.25, 0.50, 0.50};
        Instant[] instants = {START.minusSeconds(60), START, START.plusSeconds(3600), START.plusSeconds(7200),
            START.plusSeconds(3 * 3600), START.plusSeconds(30 * 24 * 3600)};
        String[] previous = null;
        for (int s = 0; s < instants.length; s++) {
            String[] current = assignAllAt(instants[s]);
            long challengers = java.util.Arrays.stream(current).filter("c1"::equals).count();
            assertEquals(expectedShare[s], challengers / (double) UNITS, 0.01, "share at " + instants[s]);
            if (previous != null) {
                for (int u = 0; u < UNITS; u++) {
                    assertTrue(previous[u].equals(current[u]) || previous[u].equals("control"),
                            "unit-" + u + " moved from " + previous[u] + " to " + current[u] + " at " + instants[s]);
                }
            }
            previous = current;
        }
    }

    @Test
    void aStepThatDoesNotFitTheLayoutIsRejectedAtConstructionNamingTheStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ExperimentRouter(
                Experiments.config("ramp", "salt", TargetingRule.EVERYONE,
                        List.of(new RampStep(START, Map.of("control", 20.0, "c1", 60.0, "c2", 20.0))), 34, 33, 33)));
        assertTrue(e.getMessage().startsWith("ramp_up[0].weights: variant \"c1\""), e.getMessage());
    }
}
