package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.Condition;
import io.abtest.config.TargetingRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetingTest {

    private final ExperimentRouter router = new ExperimentRouter(Experiments.config("targeted", "salt", new TargetingRule(List.of(
                    new Condition("country", Condition.Operator.IN, Set.of("US", "CA")),
                    new Condition("tier", Condition.Operator.NOT_IN, Set.of("internal")))),
            List.of(), 50, 50));

    @Test
    void unitsFailingTheRuleGetNoVariant() {
        for (Map<String, String> attributes : List.of(
                Map.of("country", "DE"),
                Map.of("country", "US", "tier", "internal"),
                Map.<String, String>of())) {
            Assignment assignment = router.assign("user-1", attributes);
            assertEquals(Assignment.Reason.NOT_TARGETED, assignment.reason(), attributes.toString());
            assertNull(assignment.variant());
            assertFalse(assignment.inExperiment());
        }
        assertEquals(Assignment.Reason.NOT_TARGETED, router.assign("user-1", null).reason());
    }

    @Test
    void unitsPassingTheRuleAreSplitAsWithoutTargeting() {
        ExperimentRouter untargeted = new ExperimentRouter(Experiments.split("targeted", "salt", 50, 50));
        int challengers = 0;
        for (int i = 0; i < 1_000; i++) {
            Assignment assignment = router.assign("user-" + i, Map.of("country", "CA", "tier", "gold"));
            assertEquals(Assignment.Reason.ASSIGNED, assignment.reason());
            assertEquals(untargeted.assign("user-" + i, null).variant(), assignment.variant());
            challengers += assignment.variant().equals("c1") ? 1 : 0;
        }
        assertTrue(challengers > 400 && challengers < 600, "challengers: " + challengers);
    }

    @Test
    void theSameResultInstanceIsReturnedForEveryUnitOfAVariant() {
        Map<String, String> us = Map.of("country", "US");
        Assignment first = router.assign("user-1", us);
        for (int i = 2; i < 100; i++) {
            Assignment next = router.assign("user-" + i, us);
            if (next.variant().equals(first.variant())) {
                assertSame(first, next);
            }
        }
    }
}
