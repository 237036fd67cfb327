package io.abtest.jobs.analysis.guardrail;

import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.validate.MetricCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.StreamFilter;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * The operators {@link GuardrailIncidents#build} puts in a job, each in Flink's operator test harness and wired as the
 * job wires them: {@link JudgedWindows} -> {@link JudgmentEventTime} -> the breach signals and one {@link CepOperator}
 * per run and length (built as {@code CEP.pattern(..).inEventTime().process(..)} builds it:
 * {@code NFACompiler.compileFactory}, the pattern's skip strategy, no comparator, no late-data tag) ->
 * {@link IncidentLifecycle}. Records and watermarks travel in the order each operator emits them; a watermark reaches
 * the lifecycle after every CEP operator has processed it, as the minimum over its inputs would. Generic types (Kryo)
 * are disabled in every harness, so state or records that would need Kryo fail.
 */
final class IncidentChain implements AutoCloseable {

    /** The state of every operator of the chain at one checkpoint. */
    record Snapshot(Map<String, OperatorSubtaskState> byOperator) {}

    private final MetricCapture metrics = new MetricCapture();
    private final ConfiguredGuardrails guardrails;
    private final OneInputStreamOperatorTestHarness<GuardrailJudgment, GuardrailJudgment> judged;
    private final OneInputStreamOperatorTestHarness<GuardrailJudgment, GuardrailJudgment> eventTime;
    private final Map<String, CepStage> runs = new LinkedHashMap<>();
    private final KeyedOneInputStreamOperatorTestHarness<String, IncidentSignal, GuardrailRow> lifecycle;

    private record CepStage(OfRunLength filter,
            KeyedOneInputStreamOperatorTestHarness<String, GuardrailJudgment, IncidentSignal> harness) {}

    IncidentChain(ExperimentCatalog catalog, long closingDelayMillis) throws Exception {
        this(catalog, closingDelayMillis, new Snapshot(Map.of()));
    }

    IncidentChain(ExperimentCatalog catalog, long closingDelayMillis, Snapshot restored) throws Exception {
        guardrails = new ConfiguredGuardrails(catalog);
        judged = new OneInputStreamOperatorTestHarness<>(new StreamFilter<>(new JudgedWindows(guardrails)),
                metrics.environment());
        eventTime = new OneInputStreamOperatorTestHarness<>(new JudgmentEventTime(closingDelayMillis),
                metrics.environment());
        for (IncidentRun run : IncidentRun.values()) {
            for (int length : guardrails.distinct(run::length)) {
                Pattern<GuardrailJudgment, ?> pattern = run.pattern(length);
                CepOperator<GuardrailJudgment, String, IncidentSignal> cep = new CepOperator<>(
                        GuardrailTypes.JUDGMENT.createSerializer(new SerializerConfigImpl()), false,
                        NFACompiler.compileFactory(pattern, false), null, pattern.getAfterMatchSkipStrategy(),
                        new RunCompleted(run), null);
                runs.put(run.uid(length), new CepStage(new OfRunLength(guardrails, run, length),
                        new KeyedOneInputStreamOperatorTestHarness<>(cep, GuardrailJudgment::incidentKey,
                                Types.STRING)));
            }
        }
        lifecycle = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IncidentLifecycle(guardrails)), IncidentSignal::incidentKey,
                Types.STRING, metrics.environment());
        for (Map.Entry<String, AbstractStreamOperatorTestHarness<?>> operator : operators().entrySet()) {
            AbstractStreamOperatorTestHarness<?> harness = operator.getValue();
            KryoFallback.refuse(harness.getExecutionConfig());
            OperatorSubtaskState state = restored.byOperator().get(operator.getKey());
            if (state != null) {
                harness.initializeState(state);
            }
            harness.open();
        }
    }

    private Map<String, AbstractStreamOperatorTestHarness<?>> operators() {
        Map<String, AbstractStreamOperatorTestHarness<?>> operators = new LinkedHashMap<>();
        operators.put(JudgedWindows.UID, judged);
        operators.put(JudgmentEventTime.UID, eventTime);
        runs.forEach((uid, stage) -> operators.put(uid, stage.harness()));
        operators.put(IncidentLifecycle.UID, lifecycle);
        return operators;
    }

    /** A judgment as a judging operator emits it, with that operator's record timestamp. */
    void judge(GuardrailJudgment judgment, long timestamp) throws Exception {
        judged.processElement(new StreamRecord<>(judgment, timestamp));
        flow();
    }

    void judgeAll(List<GuardrailJudgment> judgments) throws Exception {
        for (GuardrailJudgment judgment : judgments) {
            judge(judgment, judgment.windowEnd() - 1);
        }
    }

    void watermark(long timestamp) throws Exception {
        judged.processWatermark(new Watermark(timestamp));
        flow();
    }

    /** Every judgment in the given order, each followed by the watermark of its window's closing, as a judge emits. */
    void judgeAsWindowsClose(List<GuardrailJudgment> judgments) throws Exception {
        for (GuardrailJudgment judgment : judgments) {
            judge(judgment, judgment.windowEnd() + GuardrailFixtures.LATENESS);
            watermark(judgment.windowEnd() + GuardrailFixtures.LATENESS);
        }
    }

    Snapshot snapshot(long checkpointId) throws Exception {
        Map<String, OperatorSubtaskState> states = new LinkedHashMap<>();
        for (Map.Entry<String, AbstractStreamOperatorTestHarness<?>> operator : operators().entrySet()) {
            states.put(operator.getKey(), operator.getValue().snapshot(checkpointId, checkpointId));
        }
        return new Snapshot(states);
    }

    private void flow() throws Exception {
        Object item;
        while ((item = judged.getOutput().poll()) != null) {
            if (item instanceof StreamRecord<?> record) {
                eventTime.processElement(judgment(record));
            } else if (item instanceof Watermark watermark) {
                eventTime.processWatermark(watermark);
            }
        }
        while ((item = eventTime.getOutput().poll()) != null) {
            if (item instanceof StreamRecord<?> record) {
                StreamRecord<GuardrailJudgment> judgment = judgment(record);
                if (judgment.getValue().breached()) {
                    lifecycle.processElement(
                            new StreamRecord<>(IncidentSignal.breach(judgment.getValue()), judgment.getTimestamp()));
                }
                for (CepStage stage : runs.values()) {
                    if (stage.filter().filter(judgment.getValue())) {
                        stage.harness().processElement(judgment);
                    }
                }
            } else if (item instanceof Watermark watermark) {
                for (CepStage stage : runs.values()) {
                    stage.harness().processWatermark(watermark);
                    signalsOf(stage);
                }
                lifecycle.processWatermark(watermark);
            }
        }
        for (CepStage stage : runs.values()) {
            signalsOf(stage);
        }
    }

    private void signalsOf(CepStage stage) throws Exception {
        Object item;
        while ((item = stage.harness().getOutput().poll()) != null) {
            if (item instanceof StreamRecord<?> record) {
                @SuppressWarnings("unchecked")
                StreamRecord<IncidentSignal> signal = (StreamRecord<IncidentSignal>) record;
                lifecycle.processElement(signal);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static StreamRecord<GuardrailJudgment> judgment(StreamRecord<?> record) {
        return (StreamRecord<GuardrailJudgment>) record;
    }

    /** The {@code guardrails/} rows so far, in the order emitted. */
    List<GuardrailRow> rows() {
        List<GuardrailRow> rows = new ArrayList<>();
        for (Object item : lifecycle.getOutput()) {
            if (item instanceof StreamRecord<?> record) {
                rows.add((GuardrailRow) record.getValue());
            }
        }
        return rows;
    }

    List<GuardrailIncident> incidents() {
        List<GuardrailIncident> incidents = new ArrayList<>();
        var emitted = lifecycle.getSideOutput(IncidentLifecycle.INCIDENTS);
        if (emitted != null) {
            emitted.forEach(record -> incidents.add(record.getValue()));
        }
        return incidents;
    }

    /** Timestamps of the rows emitted so far. */
    List<Long> rowTimestamps() {
        List<Long> timestamps = new ArrayList<>();
        for (Object item : lifecycle.getOutput()) {
            if (item instanceof StreamRecord<?> record) {
                timestamps.add(record.getTimestamp());
            }
        }
        return timestamps;
    }

    MetricCapture metrics() {
        return metrics;
    }

    int lifecycleStateEntries() {
        return lifecycle.numKeyedStateEntries();
    }

    int lifecycleTimers() {
        return lifecycle.numEventTimeTimers();
    }

    @Override
    public void close() throws Exception {
        for (AbstractStreamOperatorTestHarness<?> harness : operators().values()) {
            harness.close();
        }
    }
}
