package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.records.GuardrailJudgment;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/** A match of an {@link IncidentRun} pattern, as the signal of the window that completed the run. */
public final class RunCompleted extends PatternProcessFunction<GuardrailJudgment, IncidentSignal> {

    private static final long serialVersionUID = 1L;

    private final IncidentRun run;

    public RunCompleted(IncidentRun run) {
        this.run = run;
    }

    @Override
    public void processMatch(Map<String, List<GuardrailJudgment>> match, Context ctx, Collector<IncidentSignal> out) {
        List<GuardrailJudgment> windows = match.get(run.patternName());
        out.collect(new IncidentSignal(run.signal(), windows.get(windows.size() - 1)));
    }
}
