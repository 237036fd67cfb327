package io.abtest.stats.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Action;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.config.GuardrailSpec.Severity;
import java.time.Duration;

/** Guardrail specs for the rule tests, and the comparison of pinned numbers. */
final class Guardrails {

    private Guardrails() {}

    static GuardrailSpec absolute(String metric, double threshold, Comparison comparison) {
        return spec(metric, threshold, comparison, false, GuardrailSpec.DEFAULT_MIN_EVENTS);
    }

    static GuardrailSpec relative(String metric, double threshold, Comparison comparison) {
        return spec(metric, threshold, comparison, true, GuardrailSpec.DEFAULT_MIN_EVENTS);
    }

    static GuardrailSpec spec(String metric, double threshold, Comparison comparison, boolean relative,
            long minEvents) {
        return new GuardrailSpec(metric, metric, threshold, comparison, Duration.ofMinutes(5), 1, Severity.WARNING,
                Action.ALERT, relative, minEvents, GuardrailSpec.DEFAULT_RECOVERY_WINDOWS);
    }

    /** |actual - expected| &lt;= relative |expected|, or &lt;= relative when expected is 0. */
    static void assertClose(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, expected == 0 ? relative : relative * Math.abs(expected), what);
    }
}
