package io.abtest.stats.guardrail;

import static io.abtest.stats.guardrail.Guardrails.absolute;
import static io.abtest.stats.guardrail.Guardrails.relative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.stats.guardrail.LatencyGuardrail.Percentile;
import io.abtest.stats.guardrail.WindowJudgment.Verdict;
import org.junit.jupiter.api.Test;

class LatencyGuardrailTest {

    @Test
    void absoluteThresholdComparesThePercentileItself() {
        GuardrailSpec spec = absolute("latency_p99", 250, Comparison.GREATER_THAN);
        WindowJudgment over = LatencyGuardrail.judge(spec, new Percentile(1000, 250.5), null);
        assertEquals(new WindowJudgment(Verdict.BREACH, 250.5, 250.0, null), over);
        assertEquals(Verdict.HEALTHY, LatencyGuardrail.judge(spec, new Percentile(1000, 250), null).verdict(),
                "at the threshold is not above it");
    }

    @Test
    void relativeThresholdScalesTheControlsPercentileOfTheSameWindow() {
        GuardrailSpec halfAbove = relative("latency_p99", 0.5, Comparison.GREATER_THAN);
        Percentile control = new Percentile(800, 120);
        WindowJudgment breach = LatencyGuardrail.judge(halfAbove, new Percentile(900, 180.5), control);
        assertEquals(Verdict.BREACH, breach.verdict());
        assertEquals(180.0, breach.threshold(), 1e-12, "120 x 1.5");
        assertNull(breach.bound());
        assertEquals(Verdict.HEALTHY, LatencyGuardrail.judge(halfAbove, new Percentile(900, 179.5), control).verdict());
    }

    @Test
    void lessThanBreachesBelowTheThreshold() {
        GuardrailSpec notFasterThanHalf = relative("latency_p50", -0.5, Comparison.LESS_THAN);
        Percentile control = new Percentile(800, 40);
        assertEquals(Verdict.BREACH, LatencyGuardrail.judge(notFasterThanHalf, new Percentile(900, 19), control)
                .verdict());
        assertEquals(Verdict.HEALTHY, LatencyGuardrail.judge(notFasterThanHalf, new Percentile(900, 21), control)
                .verdict());
        assertEquals(Verdict.BREACH, LatencyGuardrail.judge(absolute("latency_p95", 5, Comparison.LESS_THAN),
                new Percentile(900, 4.9), null).verdict());
    }

    @Test
    void notJudgedBelowMinEventsOfTheVariantOrOfTheControlWhenRelative() {
        GuardrailSpec spec = relative("latency_p99", 0.1, Comparison.GREATER_THAN);
        assertEquals(WindowJudgment.notJudged(),
                LatencyGuardrail.judge(spec, new Percentile(99, 1000), new Percentile(1000, 10)));
        assertEquals(WindowJudgment.notJudged(),
                LatencyGuardrail.judge(spec, new Percentile(1000, 1000), new Percentile(99, 10)));
        assertEquals(Verdict.BREACH, LatencyGuardrail.judge(absolute("latency_p99", 250, Comparison.GREATER_THAN),
                new Percentile(100, 1000), new Percentile(0, Double.NaN)).verdict(),
                "an absolute guardrail does not need the control");
    }

    @Test
    void percentileOfEachBuiltInLatencyMetric() {
        assertEquals(50, LatencyGuardrail.percentileOf("latency_p50"));
        assertEquals(95, LatencyGuardrail.percentileOf("latency_p95"));
        assertEquals(99, LatencyGuardrail.percentileOf("latency_p99"));
        assertThrows(IllegalArgumentException.class, () -> LatencyGuardrail.percentileOf("error_rate"));
    }
}
