package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.metrics.Counter;

/**
 * Keeps the judgments the incident patterns see: windows judged {@code BREACH} or {@code HEALTHY}, of a guardrail the
 * catalog configures.
 *
 * <p>A window {@code NOT_JUDGED} (fewer than {@code min_events}) stops here, so to the patterns it does not exist: it
 * neither breaches nor heals, and a run of breaches (or of healthy windows) on both sides of it stays one run. A
 * judgment of a guardrail the
 * catalog does not configure has no run lengths; it can only come from a judging operator built on another
 * catalog, and is dropped and counted rather than failing the job on every restart.
 *
 * <p>Metrics: {@code not_judged_windows}, {@code unknown_guardrail_judgments}. Stateless.
 */
public final class JudgedWindows extends RichFilterFunction<GuardrailJudgment> {

    private static final long serialVersionUID = 1L;

    public static final String UID = "guardrail-judged-windows";
    public static final String NAME = "Guardrail windows judged";

    public static final String NOT_JUDGED_WINDOWS = "not_judged_windows";
    public static final String UNKNOWN_GUARDRAIL_JUDGMENTS = "unknown_guardrail_judgments";

    private final ConfiguredGuardrails guardrails;

    private transient Counter notJudged;
    private transient Counter unknownGuardrail;

    public JudgedWindows(ConfiguredGuardrails guardrails) {
        this.guardrails = guardrails;
    }

    @Override
    public void open(OpenContext openContext) {
        notJudged = getRuntimeContext().getMetricGroup().counter(NOT_JUDGED_WINDOWS);
        unknownGuardrail = getRuntimeContext().getMetricGroup().counter(UNKNOWN_GUARDRAIL_JUDGMENTS);
    }

    @Override
    public boolean filter(GuardrailJudgment judgment) {
        if (judgment.verdict() == Verdict.NOT_JUDGED) {
            notJudged.inc();
            return false;
        }
        if (guardrails.spec(judgment) == null) {
            unknownGuardrail.inc();
            return false;
        }
        return true;
    }
}
