package io.abtest.jobs.analysis.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.sequential.SequentialResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricGuardrailJudgmentsTest {

    private static final long HOUR = 3_600_000;

    private static ExperimentConfig config() {
        return SmallCatalog.of(
                "  - {name: latency, kind: mean, source: latency_ms, direction: lower_is_better}",
                "guardrails:",
                "  - {metric: converted, threshold: 0.02, comparison: less_than, window: 1h, severity: info,"
                        + " action: alert}",
                "  - {name: slow, metric: latency, threshold: 0.1, comparison: greater_than, window: 30m,"
                        + " severity: info, action: alert}",
                "  - {metric: error_rate, threshold: 0.05, comparison: greater_than, window: 1h, severity: info,"
                        + " action: alert}").config("exp");
    }

    private static ComparisonResult row(String metric, String segment, double controlMean, double treatmentMean,
            Interval sequence) {
        Estimate estimate = new Estimate(TestStatus.OK, null, 4000, controlMean, 4100, treatmentMean,
                treatmentMean - controlMean, 0.01, null, null, Double.POSITIVE_INFINITY);
        return new ComparisonResult("exp", Instant.ofEpochMilli(HOUR), metric, segment, "champion", "challenger",
                new FixedHorizonResult(estimate, TestStatus.OK, null, sequence, null, 1.0, 0.3),
                new SequentialResult(TestStatus.OK, null, 0.5, sequence, null), 0.5, 0.3, 0.5, 0.9, TestStatus.OK);
    }

    @Test
    void dueWhenTheAnalysisPointReachesANewMultipleOfTheWindow() {
        GuardrailSpec hourly = config().guardrails().get(0);
        assertTrue(MetricGuardrailJudgments.due(hourly, Long.MIN_VALUE, 10 * HOUR + 1), "the first analysis point");
        assertTrue(MetricGuardrailJudgments.due(hourly, 10 * HOUR - HOUR / 2, 10 * HOUR));
        assertFalse(MetricGuardrailJudgments.due(hourly, 10 * HOUR, 11 * HOUR - 1));
        assertTrue(MetricGuardrailJudgments.due(hourly, 10 * HOUR, 12 * HOUR + 5), "a skipped window does not matter");
    }

    @Test
    void oneJudgmentPerDueConfiguredGuardrailFromTheRowOverAllUnits() {
        List<ComparisonResult> results = List.of(
                row("converted", null, 0.10, 0.09, new Interval(-0.015, -0.005)),
                row("converted", "country=DE", 0.10, 0.02, new Interval(-0.09, -0.07)),
                row("latency", null, 100, 104, new Interval(2, 6)));

        List<GuardrailJudgment> atTheHour = MetricGuardrailJudgments.at(config(), results, 0, HOUR - HOUR / 2, HOUR);
        assertEquals(2, atTheHour.size(), "converted (1 h) and slow (30 min); error_rate is built in: " + atTheHour);
        assertEquals(new GuardrailJudgment("exp", "challenger", "converted", "converted", 0, HOUR, Verdict.BREACH,
                0.09, 0.098, 0.095, 4100), round(atTheHour.get(0)));
        assertEquals(Verdict.HEALTHY, atTheHour.get(1).verdict(), "a 2..6 ms slowdown may be within 10 of 100 ms");
        assertEquals("slow", atTheHour.get(1).guardrail());

        List<GuardrailJudgment> halfPast = MetricGuardrailJudgments.at(config(), results, 0, HOUR, HOUR + HOUR / 2);
        assertEquals(List.of("slow"), halfPast.stream().map(GuardrailJudgment::guardrail).toList());
    }

    /** The judgment with its numbers rounded to 12 decimals, so that records compare exactly. */
    private static GuardrailJudgment round(GuardrailJudgment j) {
        return new GuardrailJudgment(j.experimentId(), j.variant(), j.guardrail(), j.metric(), j.windowStart(),
                j.windowEnd(), j.verdict(), round(j.observed()), round(j.threshold()), round(j.bound()), j.events());
    }

    private static Double round(Double x) {
        return x == null ? null : Math.round(x * 1e12) / 1e12;
    }
}
