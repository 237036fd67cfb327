package io.abtest.jobs.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.AnalysisWindows;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class UnitMetricsTest {

    private static final long WINDOW = 1_000;
    private static final long LATENESS = 500;

    private static final ExperimentCatalog CATALOG = SmallCatalog.of(
            "  - {name: revenue, kind: mean, source: values.revenue, direction: higher_is_better}",
            "  - {name: latency, kind: ratio, source: latency_ms, denominator: requests, direction: lower_is_better}",
            "allowed_lateness: 500ms",
            "segments: [country]");

    private static UnitSignal exposure(long time, double latency) {
        return new UnitSignal("exp", "u1", "challenger", Map.of("country", "DE"), time, true,
                Map.of("requests", 1.0, "latency_ms", latency, "error", 0.0, "timeout", 0.0));
    }

    private static UnitSignal outcome(long time, double converted, double revenue) {
        return new UnitSignal("exp", "u1", "challenger", Map.of("country", "DE"), time, false,
                Map.of("values.converted", converted, "values.revenue", revenue));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new UnitMetrics(CATALOG, WINDOW)),
                        UnitSignal::unitKey, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }

    private static List<UnitChange> changes(KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> h) {
        return h.extractOutputValues();
    }

    @Test
    void eachWindowEmitsTheUnitsCumulativeValuesBeforeAndAfter() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(outcome(20, 0, 0), 20));
        // a later window's events arriving early must not leak into the first window
        harness.processElement(new StreamRecord<>(exposure(1_500, 300), 1_500));
        harness.processElement(new StreamRecord<>(outcome(1_600, 1, 25), 1_600));
        harness.processWatermark(1_000 + LATENESS - 1);
        assertEquals(0, changes(harness).size(), "a window waits for the allowed lateness");
        harness.processWatermark(1_000 + LATENESS);

        assertEquals(1, changes(harness).size());
        UnitChange first = changes(harness).get(0);
        assertEquals("challenger", first.variant());
        assertEquals(List.of("country=DE"), first.segments());
        assertEquals(1_000, first.windowEnd());
        assertEquals(2, first.events());
        assertTrue(first.newUnit());
        assertEquals(new UnitValue(0, 1, 0), first.after().get("converted"));
        assertEquals(new UnitValue(0, 1, 0), first.after().get("revenue"));
        assertEquals(new UnitValue(100, 1, 0), first.after().get("latency"));

        harness.processWatermark(2_000 + LATENESS);
        UnitChange second = changes(harness).get(1);
        assertEquals(2_000, second.windowEnd());
        assertEquals(first.after(), second.before());
        assertEquals(new UnitValue(1, 1, 0), second.after().get("converted"));
        assertEquals(new UnitValue(25, 1, 0), second.after().get("revenue"));
        assertEquals(new UnitValue(400, 2, 0), second.after().get("latency"));
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void anEventBehindTheWatermarkButWithinTheLatenessCountsInItsOwnWindow() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(exposure(1_100, 300), 1_100));
        harness.processWatermark(1_200);
        harness.processElement(new StreamRecord<>(outcome(900, 1, 40), 900));
        harness.processWatermark(2_000 + LATENESS);

        assertEquals(2, changes(harness).size());
        UnitChange first = changes(harness).get(0);
        UnitChange second = changes(harness).get(1);
        assertEquals(1_000, first.windowEnd());
        assertEquals(2, first.events());
        assertEquals(new UnitValue(1, 1, 0), first.after().get("converted"));
        assertEquals(new UnitValue(40, 1, 0), first.after().get("revenue"));
        assertEquals(2_000, second.windowEnd());
        assertEquals(first.after(), second.before());
        assertEquals(new UnitValue(400, 2, 0), second.after().get("latency"));
    }

    private static UnitSignal servedBy(String variant, long time, double latency) {
        return new UnitSignal("exp", "u1", variant, Map.of("country", "DE"), time, true,
                Map.of("requests", 1.0, "latency_ms", latency, "error", 0.0, "timeout", 0.0));
    }

    @Test
    void aUnitServedASecondVariantIsRemovedWithEverythingItContributed() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(outcome(20, 1, 30), 20));
        harness.processWatermark(1_000 + LATENESS);
        assertEquals(1, changes(harness).size());
        UnitChange first = changes(harness).get(0);
        assertTrue(first.newUnit());
        assertFalse(first.excluded());

        // window 2: an event of its own variant, then a prediction served by the control
        harness.processElement(new StreamRecord<>(exposure(1_100, 200), 1_100));
        harness.processElement(new StreamRecord<>(servedBy("control", 1_200, 50), 1_200));
        harness.processElement(new StreamRecord<>(outcome(1_300, 1, 99), 1_300));
        harness.processWatermark(2_000 + LATENESS);
        assertEquals(2, changes(harness).size());
        UnitChange removal = changes(harness).get(1);
        assertTrue(removal.excluded());
        assertFalse(removal.newUnit());
        assertTrue(removal.counted());
        assertEquals(1_000, removal.firstWindowEnd());
        assertEquals(2_000, removal.windowEnd());
        assertEquals("challenger", removal.variant(), "removed from the variant it was analysed in");
        assertEquals(List.of("country=DE"), removal.segments());
        assertEquals(first.after(), removal.before(), "everything it contributed, its first window included");
        assertEquals(Map.of(), removal.after());
        assertEquals(0, removal.events());

        // later events of the unit, of either variant, are ignored
        harness.processElement(new StreamRecord<>(exposure(2_100, 100), 2_100));
        harness.processElement(new StreamRecord<>(servedBy("control", 3_100, 100), 3_100));
        harness.processWatermark(10_000);
        assertEquals(2, changes(harness).size());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void aUnitServedTwoVariantsInItsFirstWindowIsExcludedWithoutEverBeingCounted() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(servedBy("control", 20, 100), 20));
        harness.processWatermark(5_000);
        assertEquals(1, changes(harness).size());
        UnitChange removal = changes(harness).get(0);
        assertTrue(removal.excluded());
        assertFalse(removal.newUnit());
        assertFalse(removal.counted());
        assertEquals(Map.of(), removal.before());
        assertEquals(Map.of(), removal.after());
    }

    @Test
    void theExclusionStartsAtTheEarliestWindowOfAnotherVariantWhateverTheArrivalOrder() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(servedBy("control", 2_500, 100), 2_500));
        harness.processElement(new StreamRecord<>(exposure(1_500, 100), 1_500));
        harness.processElement(new StreamRecord<>(servedBy("control", 1_600, 100), 1_600));
        harness.processWatermark(10_000);
        List<UnitChange> out = changes(harness);
        assertEquals(2, out.size());
        assertFalse(out.get(0).excluded());
        assertEquals(1_000, out.get(0).windowEnd());
        assertTrue(out.get(1).excluded());
        assertEquals(2_000, out.get(1).windowEnd());
        assertEquals(out.get(0).after(), out.get(1).before());
    }

    @Test
    void anOutcomeNamingAnotherVariantIsNoExposure() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processElement(new StreamRecord<>(new UnitSignal("exp", "u1", "control", Map.of(), 20, false,
                Map.of("values.converted", 1.0)), 20));
        harness.processWatermark(5_000);
        assertEquals(1, changes(harness).size());
        assertFalse(changes(harness).get(0).excluded());
    }

    @Test
    void aWindowWithoutEventsEmitsNothing() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(exposure(10, 100), 10));
        harness.processWatermark(5_000);
        assertEquals(1, changes(harness).size());
        harness.processWatermark(10_000);
        assertEquals(1, changes(harness).size());
    }

    @Test
    void windowEndsAreAlignedToTheEpoch() {
        assertEquals(1_000, AnalysisWindows.end(0, WINDOW));
        assertEquals(1_000, AnalysisWindows.end(999, WINDOW));
        assertEquals(2_000, AnalysisWindows.end(1_000, WINDOW));
        assertEquals(0, AnalysisWindows.end(-1, WINDOW));
    }
}
