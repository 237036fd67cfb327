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
import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.ResultRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AnalyzeExperimentTest {

    private static final long WINDOW = 1_000;
    private static final long LATENESS = 500;

    private static final ExperimentCatalog CATALOG = SmallCatalog.of("allowed_lateness: 500ms");

    private static final Map<String, UnitValue> NONE = Map.of();

    private static Map<String, UnitValue> converted(double y) {
        return Map.of("converted", new UnitValue(y, 1, 0));
    }

    private static UnitChange change(String variant, long windowEnd, Map<String, UnitValue> before, double after) {
        return new UnitChange("exp", variant, List.of(), windowEnd, 2, before, converted(after));
    }

    /** Window 1: champion units convert 0, 1, 0; challenger units 1, 1, 0. */
    private static final List<UnitChange> FIRST_WINDOW = List.of(
            change("champion", 1_000, NONE, 0), change("champion", 1_000, NONE, 1), change("champion", 1_000, NONE, 0),
            change("challenger", 1_000, NONE, 1), change("challenger", 1_000, NONE, 1),
            change("challenger", 1_000, NONE, 0));

    /** Window 2: one champion unit converts now; an outcome of the experiment matched nothing. */
    private static final UnitChange SECOND_WINDOW = change("champion", 2_000, converted(0), 1);
    private static final OutcomeEvent UNMATCHED = new OutcomeEvent("o1", "r-unknown", "u9", 1_500, "exp", null,
            Map.of("converted", 1.0));

    private static KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent, ResultRow>
            harness() throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new AnalyzeExperiment(CATALOG, WINDOW)),
                ExperimentWindowDelta::experimentId, OutcomeEvent::experimentId, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        return harness;
    }

    private static void firstWindow(KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent,
            ResultRow> harness) throws Exception {
        for (UnitChange change : FIRST_WINDOW) {
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(change), 999));
        }
        harness.processBothWatermarks(new Watermark(1_000 + LATENESS));
    }

    private static void secondWindowAndEnd(KeyedTwoInputStreamOperatorTestHarness<String, ExperimentWindowDelta, OutcomeEvent,
            ResultRow> harness) throws Exception {
        harness.processElement1(new StreamRecord<>(WindowDeltas.of(SECOND_WINDOW), 1_999));
        harness.processElement2(new StreamRecord<>(UNMATCHED, 1_500));
        harness.processBothWatermarks(new Watermark(2_000 + LATENESS));
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);
    }

    private static <T> List<T> side(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> harness,
            org.apache.flink.util.OutputTag<T> tag) {
        List<T> rows = new ArrayList<>();
        var records = harness.getSideOutput(tag);
        if (records != null) {
            records.forEach(r -> rows.add(r.getValue()));
        }
        return rows;
    }

    private static UnitChange excluded(String variant, long windowEnd, Map<String, UnitValue> before,
            long firstWindowEnd) {
        return new UnitChange("exp", variant, List.of(), windowEnd, 0, before, NONE, true, firstWindowEnd);
    }

    @Test
    void multiExposedUnitsLeaveEverySummaryAndTheSrmCountsAndAreCounted() throws Exception {
        var harness = harness();
        harness.open();
        List<UnitChange> first = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            first.add(change("champion", 1_000, NONE, i % 2));
            first.add(change("challenger", 1_000, NONE, i % 4 == 0 ? 1 : 0));
        }
        for (UnitChange c : first) {
            harness.processElement1(new StreamRecord<>(WindowDeltas.of(c), 999));
        }
        harness.processBothWatermarks(new Watermark(1_000 + LATENESS));
        ResultRow atFirst = harness.extractOutputValues().get(0);
        assertEquals(0, atFirst.multipleExposureUnits());
        assertEquals(400, atFirst.controlN());

        // window 2: 100 converted champion units are served the challenger; 3 units are excluded in their first window
        for (int i = 0; i < 100; i++) {
            harness.processElement1(new StreamRecord<>(
                    WindowDeltas.of(excluded("champion", 2_000, converted(1), 1_000)), 1_999));
        }
        for (int i = 0; i < 3; i++) {
            harness.processElement1(new StreamRecord<>(
                    WindowDeltas.of(excluded("challenger", 2_000, NONE, UnitChange.NEVER)), 1_999));
        }
        harness.processBothWatermarks(new Watermark(2_000 + LATENESS));
        ResultRow atSecond = harness.extractOutputValues().get(1);
        assertEquals(2_000, atSecond.asOf());
        assertEquals(103, atSecond.multipleExposureUnits());
        assertEquals(300, atSecond.controlN(), "excluded with what they contributed before");
        assertEquals(100.0 / 300, atSecond.controlMean(), 1e-12);
        assertEquals(400, atSecond.treatmentN());

        double[] weights = {50, 50};
        var srm = io.abtest.stats.srm.SequentialSampleRatioMismatch.withDefaults();
        var before = srm.test(new long[] {400, 400}, weights, null);
        var after = srm.test(new long[] {300, 400}, weights, before);
        assertEquals(after.runningMinimumPValue(), atSecond.srmPValue(), 1e-15,
                "the SRM counts are those of the units still analysed");

        List<DecisionRow> decisions = side(harness, AnalyzeExperiment.DECISIONS);
        DecisionRow last = decisions.get(decisions.size() - 1);
        assertEquals("INCONCLUSIVE", last.decision());
        assertEquals(1, last.rule());
        assertTrue(last.justification().contains("103 of 803 units"), last.justification());
    }

    @Test
    void eachWindowEndWritesCumulativeAggregatesAndResultsAndTheDecisionWhenItChangesAndAtTheEnd() throws Exception {
        var harness = harness();
        harness.open();
        firstWindow(harness);

        List<AggregateRow> aggregates = side(harness, AnalyzeExperiment.AGGREGATES);
        assertEquals(2, aggregates.size());
        AggregateRow champion = aggregates.stream().filter(a -> a.variant().equals("champion")).findFirst().orElseThrow();
        assertEquals(3, champion.units());
        assertEquals(1.0 / 3, champion.meanY(), 1e-15);
        assertEquals(0, champion.windowStart());
        assertEquals(1_000, champion.windowEnd());
        ResultRow first = harness.extractOutputValues().get(0);
        assertEquals(1_000, first.asOf());
        assertEquals(3, first.controlN());
        assertEquals(3, first.treatmentN());
        assertEquals(1.0 / 3, first.controlMean(), 1e-15);
        assertEquals(2.0 / 3, first.treatmentMean(), 1e-15);
        assertEquals(1, side(harness, AnalyzeExperiment.DECISIONS).size(), "the first decision is written");

        secondWindowAndEnd(harness);
        List<AggregateRow> second = side(harness, AnalyzeExperiment.AGGREGATES).subList(2, 4);
        AggregateRow championNow = second.stream().filter(a -> a.variant().equals("champion")).findFirst().orElseThrow();
        assertEquals(3, championNow.units(), "a unit's new value replaces its old one");
        assertEquals(2.0 / 3, championNow.meanY(), 1e-15);
        assertEquals(2, championNow.events());
        assertTrue(second.stream().allMatch(a -> a.unmatchedOutcomes() == 1), "the unmatched outcome is counted");
        assertEquals(2.0 / 3, harness.extractOutputValues().get(1).controlMean(), 1e-15);

        List<DecisionRow> decisions = side(harness, AnalyzeExperiment.DECISIONS);
        assertEquals(2, decisions.size(), "unchanged at window 2, written again at the end: " + decisions);
        assertEquals(decisions.get(0).decision(), decisions.get(1).decision());
        assertEquals(2_000, decisions.get(1).asOf(), "the final decision is that of the last analysis point");
    }

    @Test
    void stateRestoredFromACheckpointContinuesAsIfUninterrupted() throws Exception {
        var uninterrupted = harness();
        uninterrupted.open();
        firstWindow(uninterrupted);
        secondWindowAndEnd(uninterrupted);

        var first = harness();
        first.open();
        firstWindow(first);
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var restored = harness();
        restored.initializeState(snapshot);
        restored.open();
        secondWindowAndEnd(restored);

        assertEquals(uninterrupted.extractOutputValues().subList(1, 2), restored.extractOutputValues());
        assertEquals(side(uninterrupted, AnalyzeExperiment.AGGREGATES).subList(2, 4),
                side(restored, AnalyzeExperiment.AGGREGATES));
        assertEquals(side(uninterrupted, AnalyzeExperiment.DECISIONS).subList(1, 2),
                side(restored, AnalyzeExperiment.DECISIONS));
    }
}
