package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the judgments of the guardrails whose {@link IncidentRun} has one length: the input of that run's CEP operator. */
public final class OfRunLength implements FilterFunction<GuardrailJudgment> {

    private static final long serialVersionUID = 1L;

    private final ConfiguredGuardrails guardrails;
    private final IncidentRun run;
    private final int length;

    public OfRunLength(ConfiguredGuardrails guardrails, IncidentRun run, int length) {
        this.guardrails = guardrails;
        this.run = run;
        this.length = length;
    }

    @Override
    public boolean filter(GuardrailJudgment judgment) {
        GuardrailSpec spec = guardrails.spec(judgment);
        return spec != null && run.length(spec) == length;
    }
}
