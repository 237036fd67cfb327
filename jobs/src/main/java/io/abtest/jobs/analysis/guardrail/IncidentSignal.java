package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.GuardrailJudgment;

/**
 * What the incident lifecycle of one guardrail on one variant learns about one judged window.
 *
 * @param kind what the window did
 * @param judgment the window's judgment (for a run, its last window: the one that completed it)
 */
public record IncidentSignal(Kind kind, GuardrailJudgment judgment) {

    /** In the order the lifecycle applies them when they concern the same window. */
    public enum Kind {
        /** The window completed {@code consecutive_breaches} breaching windows in a row. */
        BREACH_RUN,
        /** The window breached: it becomes a row of {@code guardrails/}. */
        BREACH,
        /** The window completed {@code recovery_windows} healthy windows in a row. */
        RECOVERY
    }

    public static IncidentSignal breach(GuardrailJudgment judgment) {
        return new IncidentSignal(Kind.BREACH, judgment);
    }

    public String incidentKey() {
        return judgment.incidentKey();
    }
}
