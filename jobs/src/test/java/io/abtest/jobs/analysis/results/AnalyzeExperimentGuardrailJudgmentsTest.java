package io.abtest.jobs.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.OutcomeEvent;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta;
import io.abtest.jobs.analysis.aggregate.UnitChange;
import io.abtest.jobs.analysis.aggregate.WindowDeltas;
import io.abtest.jobs.analysis.aggregate.UnitValue;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.records.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The configured-metric guardrail judgments {@link AnalyzeExperiment} emits at its analysis points. */
class AnalyzeExperimentGuardrailJudgmentsTest {

    private static final long WINDOW = 1_000;
    private static final long LATENESS = 500;

    private static ExperimentCatalog catalog(String minEvents) {
        return SmallCatalog.of(
                "guardrails:",
                "  - {metric: converted, threshold: 0.01, comparison: less_than, window: 2s, severity: warning,"
                        + " action: alert, min_events: " + minEvents + "}",
                "  - {metric: error_rate, threshold: 0.05, comparison: greater_than, window: 1s, severity: warning,"
                        + " action: alert}",
                "allowed_lateness: 500ms");
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent, ResultRow>
            harness(ExperimentCatalog catalog) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AnalyzeExperiment(catalog, WINDOW)),
                ExperimentWindowDelta::experimentId, OutcomeEvent::experimentId, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }

    private static UnitChange newUnit(String variant, long windowEnd, double converted) {
        return new UnitChange("exp", variant, List.of(), windowEnd, 1, Map.of(),
                Map.of("converted", new UnitValue(converted, 1, 0)));
    }

    /** Window ending at 1 s: 100 champion units, half converted, and 100 challenger units, none converted. */
    private static void harmfulFirstWindowThenOneUnitPerArmPerWindow(
            KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent, ResultRow> harness, int windows)
            throws Exception {
        for (int i = 0; i < 100; i++) {
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(newUnit("champion", 1_000, i % 2)), 999));
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(newUnit("challenger", 1_000, 0)), 999));
        }
        for (long end = 2_000; end <= windows * WINDOW; end += WINDOW) {
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(newUnit("champion", end, 1)), end - 1));
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(newUnit("challenger", end, 0)), end - 1));
        }
        for (long end = 1_000; end <= windows * WINDOW; end += WINDOW) {
            harness.processBothWatermarks(new Watermark(end + LATENESS));
        }
    }

    private static List<GuardrailJudgment> judgments(
            KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent, ResultRow> harness) {
        List<GuardrailJudgment> judgments = new ArrayList<>();
        var records = harness.getSideOutput(AnalyzeExperiment.GUARDRAIL_JUDGMENTS);
        if (records != null) {
            records.forEach(r -> judgments.add(r.getValue()));
        }
        return judgments;
    }

    @Test
    void aConfiguredMetricIsJudgedAtTheFirstAnalysisPointAndThenOncePerEpochAlignedWindow() throws Exception {
        var harness = harness(catalog("100"));
        harmfulFirstWindowThenOneUnitPerArmPerWindow(harness, 4);

        List<GuardrailJudgment> judgments = judgments(harness);
        assertEquals(List.of(1_000L, 2_000L, 4_000L), judgments.stream().map(GuardrailJudgment::windowEnd).toList(),
                "analysis points at 1, 2, 3 and 4 s; a 2 s window is new at 1 s (the first), 2 s and 4 s");
        assertTrue(judgments.stream().allMatch(j -> j.variant().equals("challenger")), "the control is not judged");
        assertTrue(judgments.stream().allMatch(j -> j.guardrail().equals("converted") && j.windowStart() == 0));
        GuardrailJudgment first = judgments.get(0);
        assertEquals(Verdict.BREACH, first.verdict(), first.toString());
        assertEquals(0.0, first.observed());
        assertEquals(0.495, first.threshold(), 1e-15, "the control's 0.5 less 1%");
        assertEquals(100, first.events());
        assertEquals(103, judgments.get(2).events(), "the challenger's units at 4 s");
    }

    @Test
    void belowMinEventsUnitsTheGuardrailIsNotJudgedButStillEmitted() throws Exception {
        var harness = harness(catalog("101"));
        harmfulFirstWindowThenOneUnitPerArmPerWindow(harness, 2);

        List<GuardrailJudgment> judgments = judgments(harness);
        assertEquals(2, judgments.size());
        assertEquals(new GuardrailJudgment("exp", "challenger", "converted", "converted", 0, 1_000, Verdict.NOT_JUDGED,
                null, null, null, 100), judgments.get(0));
        assertEquals(Verdict.BREACH, judgments.get(1).verdict(), "101 units at 2 s");
    }
}
