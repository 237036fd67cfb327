package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlRecordApplicationTest {

    private static final int UNITS = 2_000;

    private final ExperimentRouter router = new ExperimentRouter(Experiments.split("exp", "salt", 50, 25, 25));

    private static ControlRecord record(String experiment, ControlState state, Map<String, Double> weights, long second) {
        return new ControlRecord(experiment, state, weights, "test", Instant.ofEpochSecond(second));
    }

    private long count(String variant, Assignment.Reason reason) {
        long n = 0;
        for (int i = 0; i < UNITS; i++) {
            Assignment a = router.assign("user-" + i, Map.of());
            n += a.variant().equals(variant) && a.reason() == reason ? 1 : 0;
        }
        return n;
    }

    @Test
    void withoutARecordTheConfigurationHolds() {
        assertTrue(router.lastControlRecord().isEmpty());
        long control = count("control", Assignment.Reason.ASSIGNED);
        assertTrue(control > 900 && control < 1100, "control: " + control);
    }

    @Test
    void stoppedSendsEveryUnitToTheControl() {
        assertTrue(router.apply(record("exp", ControlState.STOPPED, Map.of(), 10)));
        assertEquals(UNITS, count("control", Assignment.Reason.STOPPED));
    }

    @Test
    void rolledOutSendsEveryUnitToTheVariantOfHighestWeight() {
        assertTrue(router.apply(record("exp", ControlState.ROLLED_OUT, Map.of("c2", 1.0, "control", 0.0), 10)));
        assertEquals(UNITS, count("c2", Assignment.Reason.ROLLED_OUT));
    }

    @Test
    void rolledOutWithoutAUniqueWinnerIsIgnored() {
        assertFalse(router.apply(record("exp", ControlState.ROLLED_OUT, Map.of(), 10)));
        assertFalse(router.apply(record("exp", ControlState.ROLLED_OUT, Map.of("c1", 1.0, "c2", 1.0), 11)));
        assertFalse(router.apply(record("exp", ControlState.ROLLED_OUT, Map.of("nobody", 1.0), 12)));
        assertTrue(router.lastControlRecord().isEmpty());
    }

    @Test
    void newWeightsSplitTheTraffic() {
        assertTrue(router.apply(record("exp", ControlState.RUNNING, Map.of("control", 90.0, "c1", 10.0), 10)));
        long c1 = count("c1", Assignment.Reason.ASSIGNED);
        assertEquals(0, count("c2", Assignment.Reason.ASSIGNED));
        assertTrue(c1 > 150 && c1 < 250, "c1: " + c1);
    }

    @Test
    void runningWithoutWeightsReturnsToTheConfiguration() {
        long configured = count("c1", Assignment.Reason.ASSIGNED);
        router.apply(record("exp", ControlState.STOPPED, Map.of(), 10));
        assertTrue(router.apply(record("exp", ControlState.RUNNING, Map.of(), 11)));
        assertEquals(configured, count("c1", Assignment.Reason.ASSIGNED));
    }

    @Test
    void aRecordForAnotherExperimentIsIgnored() {
        assertFalse(router.apply(record("other", ControlState.STOPPED, Map.of(), 10)));
        assertEquals(0, count("control", Assignment.Reason.STOPPED));
    }

    @Test
    void anOlderRecordArrivingAfterANewerOneIsIgnored() {
        assertTrue(router.apply(record("exp", ControlState.STOPPED, Map.of(), 20)));
        assertFalse(router.apply(record("exp", ControlState.RUNNING, Map.of(), 10)));
        assertFalse(router.apply(record("exp", ControlState.RUNNING, Map.of(), 20)));
        assertEquals(UNITS, count("control", Assignment.Reason.STOPPED));
        assertEquals(Instant.ofEpochSecond(20), router.lastControlRecord().orElseThrow().updatedAt());
    }

    @Test
    void invalidWeightsAreIgnoredAndTheStateIsKept() {
        assertFalse(router.apply(record("exp", ControlState.RUNNING, Map.of("nobody", 1.0), 10)));
        assertFalse(router.apply(record("exp", ControlState.RUNNING, Map.of("control", 0.0), 11)));
        // c1 at 60% exceeds its lane of 50% with two challengers
        assertFalse(router.apply(record("exp", ControlState.RUNNING, Map.of("control", 40.0, "c1", 60.0), 12)));
        assertFalse(router.apply(new ControlRecord("exp", ControlState.STOPPED, Map.of(), "no time", null)));
        assertTrue(router.lastControlRecord().isEmpty());
    }
}
