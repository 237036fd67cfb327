package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problem;
import static io.abtest.config.ExperimentYaml.problemsOf;
import static io.abtest.config.ExperimentYaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The guardrail keys that set how a window is judged and how an incident opens and ends. */
class ExperimentConfigLoaderGuardrailTest {

    @Test
    void defaultsAreAbsoluteThresholdsHundredEventsAndTwoRecoveryWindows() {
        GuardrailSpec latency = ExperimentConfigLoader.parse(ExperimentYaml.COMPLETE, "exp.yaml").guardrails().get(0);
        assertFalse(latency.relativeToControl());
        assertEquals(100, latency.minEvents());
        assertEquals(2, latency.recoveryWindows());
        assertTrue(latency.builtIn());
    }

    @Test
    void theNewKeysAreRead() {
        String yaml = with("guardrails[0].relative_to_control", true);
        GuardrailSpec latency = ExperimentConfigLoader.parse(yaml, "exp.yaml").guardrails().get(0);
        assertTrue(latency.relativeToControl());
        assertEquals(500, ExperimentConfigLoader.parse(with("guardrails[1].min_events", 500), "exp.yaml")
                .guardrails().get(1).minEvents());
        assertEquals(4, ExperimentConfigLoader.parse(with("guardrails[1].recovery_windows", 4), "exp.yaml")
                .guardrails().get(1).recoveryWindows());
    }

    @Test
    void badValuesAreNamed() {
        assertEquals(List.of(problem("guardrails[1].min_events", "must be an integer >= 1, got 0")),
                problemsOf(with("guardrails[1].min_events", 0)).problems());
        assertEquals(List.of(problem("guardrails[1].recovery_windows", "must be an integer from 1 to 2147483647, got 0")),
                problemsOf(with("guardrails[1].recovery_windows", 0)).problems());
        assertEquals(List.of(problem("guardrails[1].relative_to_control", "must be true or false, got \"yes\"")),
                problemsOf(with("guardrails[1].relative_to_control", "yes")).problems());
    }

    @Test
    void aConfiguredMetricIsAlwaysJudgedAgainstTheControlInItsWorseDirection() {
        assertEquals(List.of(problem("guardrails[2].relative_to_control", "a guardrail on a configured metric is always"
                        + " judged against the control (its threshold is a relative non-inferiority margin);"
                        + " relative_to_control applies to error_rate, latency_p50, latency_p95, latency_p99, timeout_rate")),
                problemsOf(with("guardrails[2].relative_to_control", true)).problems());
        assertEquals(List.of(problem("guardrails[2].comparison", "metric \"converted\" is higher_is_better, so its"
                        + " guardrail breaches when it is worse: comparison must be less_than")),
                problemsOf(with("guardrails[2].comparison", "greater_than")).problems());
        assertEquals(List.of(problem("guardrails[2].threshold", "must be >= 0 for a configured metric (a relative"
                        + " margin, 0.01 = 1% worse than the control), got -0.01")),
                problemsOf(with("guardrails[2].threshold", -0.01)).problems());
    }
}
