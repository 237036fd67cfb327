package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.Condition;
import io.abtest.config.TargetingRule;
import io.abtest.event.ModelResult;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionEventTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");

    private final ExperimentRouter router = new ExperimentRouter(Experiments.config("exp", "salt",
            new TargetingRule(List.of(new Condition("country", Condition.Operator.IN, Set.of("US")))), List.of(), 50, 50),
            () -> NOW);

    @Test
    void theServedPredictionCarriesTheRoutingAndTheModelResult() {
        Map<String, String> attributes = Map.of("country", "US");
        Assignment assignment = router.assign("user-7", attributes);
        PredictionEvent event = router.prediction(assignment, "user-7", "req-1", attributes, ModelResult.ok(12.5, 0.83, "spam"));
        assertEquals("exp", event.experimentId());
        assertEquals(assignment.variant(), event.variant());
        assertEquals("user-7", event.unitId());
        assertEquals("req-1", event.requestId());
        assertEquals(NOW.toEpochMilli(), event.eventTime());
        assertEquals(assignment.variant().equals("control") ? "model-1" : "model-2.1", event.modelVersion());
        assertEquals(12.5, event.latencyMs());
        assertEquals(PredictionStatus.OK, event.status());
        assertEquals(0.83, event.score());
        assertEquals("spam", event.predictedLabel());
        assertTrue(event.served());
        assertEquals(attributes, event.attributes());
        assertNotEquals(event.eventId(), router.prediction(assignment, "user-7", "req-1", attributes, ModelResult.ok(1, null, null)).eventId());
    }

    @Test
    void aShadowPredictionIsNotServed() {
        Assignment assignment = router.assign("user-7", Map.of("country", "US"));
        String other = assignment.variant().equals("control") ? "c1" : "control";
        PredictionEvent shadow = router.shadowPrediction(assignment, other, "user-7", "req-1", null,
                new ModelResult(200, PredictionStatus.TIMEOUT, null, null));
        assertFalse(shadow.served());
        assertEquals(other, shadow.variant());
        assertEquals(PredictionStatus.TIMEOUT, shadow.status());
        assertThrows(IllegalArgumentException.class, () -> router.shadowPrediction(assignment, assignment.variant(),
                "user-7", "req-1", null, ModelResult.ok(1, null, null)));
        assertThrows(IllegalArgumentException.class, () -> router.shadowPrediction(assignment, "nobody",
                "user-7", "req-1", null, ModelResult.ok(1, null, null)));
    }

    @Test
    void aUnitOutsideTheExperimentHasNoPredictionEvent() {
        Assignment outside = router.assign("user-7", Map.of("country", "DE"));
        assertThrows(IllegalArgumentException.class,
                () -> router.prediction(outside, "user-7", "req-1", null, ModelResult.ok(1, null, null)));
    }
}
