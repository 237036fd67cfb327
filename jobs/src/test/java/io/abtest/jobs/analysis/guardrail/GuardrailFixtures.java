package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Judgments for the incident tests. Experiment {@code exp} of {@link SmallCatalog} with two guardrails on one-minute
 * windows and an allowed lateness of 2 minutes (longer than a window, as in production,
 * where 5-minute guardrail windows meet a lateness of 30 minutes):
 * <ul>
 *   <li>{@code latency-p99}: 3 breaching windows in a row open an incident, 2 healthy ones resolve it; critical, stop;
 *   <li>{@code error-rate}: the defaults, 1 breach opens, and 3 healthy windows resolve; warning, alert.
 * </ul>
 * Another guardrail's metric is named as the guardrail. Window {@code i} of a guardrail is {@code [T0 + i min, T0 + (i + 1) min)}; a breach observes {@code 300 + i}, a
 * healthy window {@code 200 + i}, against a threshold of 250, with {@code 1000 + i} events; a window not judged
 * observes nothing and has 40 events.
 */
final class GuardrailFixtures {

    static final long T0 = 1_764_000_000_000L;
    static final long WINDOW = 60_000;
    static final long LATENESS = 120_000;

    static final String LATENCY = "latency-p99";
    static final String ERRORS = "error-rate";

    static final ExperimentCatalog CATALOG = SmallCatalog.of(
            "guardrails:",
            "  - {name: latency-p99, metric: latency_p99, threshold: 250, comparison: greater_than, window: 1m,"
                    + " consecutive_breaches: 3, recovery_windows: 2, severity: critical, action: stop}",
            "  - {name: error-rate, metric: error_rate, threshold: 250, comparison: greater_than, window: 1m,"
                    + " recovery_windows: 3, severity: warning, action: alert}",
            "allowed_lateness: 2m");

    private GuardrailFixtures() {}

    static long end(int window) {
        return T0 + (window + 1) * WINDOW;
    }

    static GuardrailJudgment judgment(String guardrail, String variant, int window, Verdict verdict) {
        long start = T0 + window * WINDOW;
        String metric = switch (guardrail) {
            case LATENCY -> "latency_p99";
            case ERRORS -> "error_rate";
            default -> guardrail;
        };
        return switch (verdict) {
            case BREACH -> new GuardrailJudgment("exp", variant, guardrail, metric, start, start + WINDOW, verdict,
                    300.0 + window, 250.0, null, 1000 + window);
            case HEALTHY -> new GuardrailJudgment("exp", variant, guardrail, metric, start, start + WINDOW, verdict,
                    200.0 + window, 250.0, null, 1000 + window);
            case NOT_JUDGED -> new GuardrailJudgment("exp", variant, guardrail, metric, start, start + WINDOW,
                    verdict, null, null, null, 40);
        };
    }

    /**
     * One judgment per letter, windows 0, 1, ... of the challenger: {@code B} breach, {@code H} healthy, {@code N} not
     * judged; spaces are ignored.
     */
    static List<GuardrailJudgment> windows(String guardrail, String verdicts) {
        return windows(guardrail, "challenger", verdicts);
    }

    static List<GuardrailJudgment> windows(String guardrail, String variant, String verdicts) {
        List<GuardrailJudgment> judgments = new ArrayList<>();
        String letters = verdicts.replace(" ", "");
        for (int i = 0; i < letters.length(); i++) {
            Verdict verdict = switch (letters.charAt(i)) {
                case 'B' -> Verdict.BREACH;
                case 'H' -> Verdict.HEALTHY;
                case 'N' -> Verdict.NOT_JUDGED;
                default -> throw new IllegalArgumentException("verdict letter " + letters.charAt(i));
            };
            judgments.add(judgment(guardrail, variant, i, verdict));
        }
        return judgments;
    }
}
