package io.abtest.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.Condition.Operator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetingRuleTest {

    private static final Condition IN_US_CA = new Condition("country", Operator.IN, Set.of("US", "CA"));
    private static final Condition NOT_INTERNAL = new Condition("tier", Operator.NOT_IN, Set.of("internal"));
    private static final TargetingRule BOTH = new TargetingRule(List.of(IN_US_CA, NOT_INTERNAL));

    @Test
    void inAdmitsListedValuesOnly() {
        TargetingRule rule = new TargetingRule(List.of(IN_US_CA));

        assertTrue(rule.admits(Map.of("country", "US")));
        assertTrue(rule.admits(Map.of("country", "CA", "tier", "free")));
        assertFalse(rule.admits(Map.of("country", "GB")));
        assertFalse(rule.admits(Map.of("country", "us")));
    }

    @Test
    void notInAdmitsEverythingButListedValues() {
        TargetingRule rule = new TargetingRule(List.of(NOT_INTERNAL));

        assertTrue(rule.admits(Map.of("tier", "free")));
        assertFalse(rule.admits(Map.of("tier", "internal")));
    }

    @Test
    void missingAttributeFailsInAndPassesNotIn() {
        assertFalse(new TargetingRule(List.of(IN_US_CA)).admits(Map.of("tier", "free")));
        assertTrue(new TargetingRule(List.of(NOT_INTERNAL)).admits(Map.of("country", "US")));
    }

    @Test
    void nullAttributesAreNoAttributes() {
        assertFalse(new TargetingRule(List.of(IN_US_CA)).admits(null));
        assertTrue(new TargetingRule(List.of(NOT_INTERNAL)).admits(null));
        assertTrue(TargetingRule.EVERYONE.admits(null));
    }

    @Test
    void everyConditionMustHold() {
        assertTrue(BOTH.admits(Map.of("country", "US", "tier", "free")));
        assertTrue(BOTH.admits(Map.of("country", "US")));
        assertFalse(BOTH.admits(Map.of("country", "US", "tier", "internal")));
        assertFalse(BOTH.admits(Map.of("country", "GB", "tier", "free")));
    }

    @Test
    void ruleWithoutConditionsAdmitsEveryone() {
        assertTrue(TargetingRule.EVERYONE.admitsEveryone());
        assertTrue(TargetingRule.EVERYONE.admits(Map.of()));
        assertFalse(BOTH.admitsEveryone());
    }
}
