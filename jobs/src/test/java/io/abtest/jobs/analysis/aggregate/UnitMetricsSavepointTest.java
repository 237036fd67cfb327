package io.abtest.jobs.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link UnitMetrics} restores the state of an older version of the job: {@code unit-metrics-v1.snapshot} is the
 * operator's state (unit profiles, open windows and their timers) written by the version whose {@link UnitProfile}
 * had no {@code excludedBy} field (see the README beside it for the commit and the command). The current version,
 * which added that field, restores it through Flink's POJO schema evolution and writes what an uninterrupted run of
 * the current version writes.
 */
class UnitMetricsSavepointTest {

    /** Relative to the jobs module, where Maven runs the tests. */
    static final Path SNAPSHOT = Path.of("src/test/resources/io/abtest/jobs/analysis/aggregate/unit-metrics-v1.snapshot");

    private static final long WINDOW = 1_000;
    private static final long LATENESS = 500;

    private static final ExperimentCatalog CATALOG = SmallCatalog.of(
            "  - {name: revenue, kind: mean, source: values.revenue, direction: higher_is_better}",
            "  - {name: latency, kind: ratio, source: latency_ms, denominator: requests, direction: lower_is_better}",
            "allowed_lateness: 500ms",
            "segments: [country]");

    private static UnitSignal served(String unit, String variant, long time, double latency) {
        return new UnitSignal("exp", unit, variant, Map.of("country", "DE"), time, true,
                Map.of("requests", 1.0, "latency_ms", latency, "error", 0.0, "timeout", 0.0));
    }

    private static UnitSignal outcome(String unit, String variant, long time, double converted, double revenue) {
        return new UnitSignal("exp", unit, variant, Map.of("country", "DE"), time, false,
                Map.of("values.converted", converted, "values.revenue", revenue));
    }

    /**
     * Before the snapshot: u1's first window is folded and emitted, its second is open; u2 (challenger) was served
     * by the champion in its second window, so it is to be excluded when that window closes.
     */
    private static final List<UnitSignal> BEFORE = List.of(
            served("u1", "challenger", 10, 100), outcome("u1", "challenger", 20, 1, 30),
            served("u2", "challenger", 30, 80), served("u1", "challenger", 1_500, 300),
            served("u2", "champion", 1_200, 50));
    private static final long SNAPSHOT_WATERMARK = WINDOW + LATENESS;

    /** After it: more of u1's second window, a new unit u3, and every window closed. */
    private static final List<UnitSignal> AFTER = List.of(
            outcome("u1", "challenger", 1_600, 1, 25), served("u3", "champion", 1_700, 120));

    private static KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> harness(
            OperatorSubtaskState restored) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new UnitMetrics(CATALOG, WINDOW)), UnitSignal::unitKey, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> harness,
            List<UnitSignal> signals) throws Exception {
        for (UnitSignal signal : signals) {
            harness.processElement(new StreamRecord<>(signal, signal.eventTime()));
        }
    }

    /** The restored profile of {@code unit}, read through the operator's keyed state backend. */
    private static UnitProfile profile(KeyedOneInputStreamOperatorTestHarness<String, UnitSignal, UnitChange> harness,
            String unit) throws Exception {
        AbstractStreamOperator<UnitChange> operator = harness.getOperator();
        operator.setCurrentKey("exp\u0000" + unit);
        return operator.getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, new ValueStateDescriptor<>("unit-profile", UnitProfile.TYPE)).value();
    }

    private static List<String> inAnyOrder(List<UnitChange> changes) {
        return changes.stream().map(UnitChange::toString).sorted().toList();
    }

    /** Regenerates the checked-in snapshot; run only on purpose (see the README beside the snapshot). */
    @Test
    @EnabledIfSystemProperty(named = "abtest.write-unit-metrics-snapshot", matches = "true")
    void writeTheSnapshot() throws Exception {
        var harness = harness(null);
        process(harness, BEFORE);
        harness.processWatermark(SNAPSHOT_WATERMARK);
        OperatorSnapshotUtil.writeStateHandle(harness.snapshot(1, SNAPSHOT_WATERMARK), SNAPSHOT.toString());
        harness.close();
    }

    @Test
    void theSnapshotOfTheOlderVersionRestoresAndContinuesAsAnUninterruptedRun() throws Exception {
        var uninterrupted = harness(null);
        process(uninterrupted, BEFORE);
        uninterrupted.processWatermark(SNAPSHOT_WATERMARK);
        int emittedBeforeSnapshot = uninterrupted.extractOutputValues().size();
        process(uninterrupted, AFTER);
        uninterrupted.processWatermark(10_000);
        List<UnitChange> expected = uninterrupted.extractOutputValues()
                .subList(emittedBeforeSnapshot, uninterrupted.extractOutputValues().size());

        var restored = harness(OperatorSnapshotUtil.readStateHandle(SNAPSHOT.toString()));
        assertEquals(2, restored.numEventTimeTimers(), "the open windows' timers were restored");
        UnitProfile u1Profile = profile(restored, "u1");
        assertEquals("challenger", u1Profile.variant);
        assertEquals(List.of("country=DE"), u1Profile.segments);
        assertEquals(Map.of("requests", 1.0, "latency_ms", 100.0, "error", 0.0, "timeout", 0.0,
                "values.converted", 1.0, "values.revenue", 30.0), u1Profile.totals.sums);
        assertEquals(1_000, u1Profile.firstWindowEnd);
        assertEquals(Long.MAX_VALUE, u1Profile.excludedFrom);
        UnitProfile u2Profile = profile(restored, "u2");
        assertEquals(2_000, u2Profile.excludedFrom, "the exclusion recorded before the snapshot");
        assertNull(u2Profile.excludedBy, "the field added since: its initial value");
        process(restored, AFTER);
        restored.processWatermark(10_000);
        List<UnitChange> changes = restored.extractOutputValues();

        assertEquals(inAnyOrder(expected), inAnyOrder(changes), "timers of one timestamp fire in key order");
        assertEquals(3, changes.size(), changes.toString());
        UnitChange u1 = changes.stream().filter(c -> c.segments().equals(List.of("country=DE"))
                && c.variant().equals("challenger") && !c.excluded()).findFirst().orElseThrow();
        assertEquals(new UnitValue(1, 1, 0), u1.before().get("converted"), "u1's first window, from the snapshot");
        assertEquals(new UnitValue(30, 1, 0), u1.before().get("revenue"));
        assertEquals(new UnitValue(55, 1, 0), u1.after().get("revenue"));
        assertEquals(new UnitValue(400, 2, 0), u1.after().get("latency"));
        UnitChange u2 = changes.stream().filter(UnitChange::excluded).findFirst().orElseThrow();
        assertEquals(1_000, u2.firstWindowEnd(), "u2 was counted at its first window, before the snapshot");
        assertEquals(new UnitValue(80, 1, 0), u2.before().get("latency"));
        assertTrue(changes.stream().anyMatch(c -> c.variant().equals("champion") && c.newUnit()), "u3 is new");
        assertEquals(0, restored.numEventTimeTimers());
    }
}
