package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The two runs of judged windows that change an incident, as CEP patterns over the judged windows of one guardrail on
 * one variant in event-time order: {@code consecutive_breaches} breaching windows in a row, and
 * {@code recovery_windows} healthy windows in a row.
 *
 * <p>{@code consecutive()} is strict contiguity: any other judged window in between (a healthy one inside a run of
 * breaches, a breach inside a recovery) ends the partial run. Windows not judged never reach the patterns
 * ({@link JudgedWindows}), so they do not. After a match the pattern skips past its last window
 * ({@link AfterMatchSkipStrategy#skipPastLastEvent()}): 2N breaches in a row are two runs, not N + 1 overlapping ones.
 *
 * <p>A CEP pattern is fixed per operator, while the run lengths are per guardrail: the job builds one CEP operator
 * per distinct length found in the catalog ({@link GuardrailIncidents}), each fed the judgments of the guardrails with
 * that length.
 */
public enum IncidentRun {

    BREACHES("breaches", IncidentSignal.Kind.BREACH_RUN, "breach-run", "breaching windows in a row"),
    RECOVERY("healthy", IncidentSignal.Kind.RECOVERY, "recovery", "healthy windows in a row");

    private final String patternName;
    private final IncidentSignal.Kind signal;
    private final String uidPrefix;
    private final String description;

    IncidentRun(String patternName, IncidentSignal.Kind signal, String uidPrefix, String description) {
        this.patternName = patternName;
        this.signal = signal;
        this.uidPrefix = uidPrefix;
        this.description = description;
    }

    /** The run's length configured for a guardrail. */
    public int length(GuardrailSpec spec) {
        return this == BREACHES ? spec.consecutiveBreaches() : spec.recoveryWindows();
    }

    public Pattern<GuardrailJudgment, GuardrailJudgment> pattern(int length) {
        SimpleCondition<GuardrailJudgment> window = this == BREACHES
                ? SimpleCondition.of(GuardrailJudgment::breached)
                : SimpleCondition.of(GuardrailJudgment::healthy);
        return Pattern.<GuardrailJudgment>begin(patternName, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(window)
                .times(length)
                .consecutive();
    }

    public String patternName() {
        return patternName;
    }

    /** What a match signals to the incident lifecycle. */
    public IncidentSignal.Kind signal() {
        return signal;
    }

    /** The CEP operator of this run and length, e.g. {@code guardrail-breach-run-3}. */
    public String uid(int length) {
        return "guardrail-" + uidPrefix + "-" + length;
    }

    public String name(int length) {
        return "Guardrail incidents: " + length + " " + description;
    }

    /** The stateless filter in front of that CEP operator. */
    public String filterUid(int length) {
        return uid(length) + "-judgments";
    }

    public String filterName(int length) {
        return "Guardrails with " + length + " " + description;
    }
}
