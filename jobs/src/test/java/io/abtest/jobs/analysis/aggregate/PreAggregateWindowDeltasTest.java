package io.abtest.jobs.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.MetricSpec;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PreAggregateWindowDeltasTest {

    private static final List<String> EXPERIMENTS = List.of("exp-a", "exp-b");
    private static final long WINDOW = 1_000;
    private static final int WINDOWS = 3;

    private static OneInputStreamOperatorTestHarness<UnitChange, ExperimentWindowDelta> harness() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<UnitChange, ExperimentWindowDelta>(
                new PreAggregateWindowDeltas());
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.setup(ExperimentWindowDeltaSerializer.INSTANCE);
        harness.open();
        return harness;
    }

    private static Map<String, UnitValue> converted(double y) {
        return Map.of("converted", new UnitValue(y, 1, 0), "revenue", new UnitValue(y * 12.5, 1, 0));
    }

    /** Every unit of both experiments changes in every window: new in the first, then with its earlier values. */
    private static List<List<UnitChange>> changesPerWindow(int units, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<UnitChange>> windows = new ArrayList<>();
        double[][] last = new double[EXPERIMENTS.size()][units];
        for (int w = 1; w <= WINDOWS; w++) {
            List<UnitChange> changes = new ArrayList<>();
            for (int e = 0; e < EXPERIMENTS.size(); e++) {
                for (int u = 0; u < units; u++) {
                    String variant = u % 2 == 0 ? "champion" : "challenger";
                    double now = Math.max(last[e][u], random.nextDouble() < 0.1 ? 1 : 0);
                    Map<String, UnitValue> before = w == 1 ? Map.of() : converted(last[e][u]);
                    changes.add(new UnitChange(EXPERIMENTS.get(e), variant, List.of("country=" + (u % 3)), w * WINDOW,
                            2, before, converted(now)));
                    last[e][u] = now;
                }
            }
            windows.add(changes);
        }
        return windows;
    }

    private static List<ExperimentWindowDelta> run(List<List<UnitChange>> windows) throws Exception {
        var harness = harness();
        int w = 1;
        for (List<UnitChange> changes : windows) {
            for (UnitChange change : changes) {
                harness.processElement(new StreamRecord<>(change, w * WINDOW + 500));
            }
            harness.processWatermark(new Watermark(w * WINDOW + 500));
            w++;
        }
        return harness.extractOutputValues();
    }

    @Test
    void tenTimesTheUnitsGiveTheSameNumberOfRecordsIntoTheAnalysis() throws Exception {
        List<ExperimentWindowDelta> few = run(changesPerWindow(1_000, 1));
        List<ExperimentWindowDelta> many = run(changesPerWindow(10_000, 2));
        assertEquals(EXPERIMENTS.size() * WINDOWS, few.size(), "one delta per experiment and window");
        assertEquals(few.size(), many.size());
        assertEquals(few.get(0).summaries().size(), many.get(0).summaries().size(), "and deltas of the same size");
    }

    @Test
    void aDeltaSummarisesTheValuesLeavingAndEnteringEachSummary() throws Exception {
        List<List<UnitChange>> windows = changesPerWindow(500, 3);
        List<ExperimentWindowDelta> deltas = run(windows);
        ExperimentWindowDelta second = deltas.stream()
                .filter(d -> d.experimentId().equals("exp-b") && d.windowEnd() == 2 * WINDOW).findFirst().orElseThrow();

        SufficientStatistics removed = SufficientStatistics.EMPTY;
        SufficientStatistics added = SufficientStatistics.EMPTY;
        long events = 0;
        for (UnitChange change : windows.get(1)) {
            if (change.experimentId().equals("exp-b") && change.variant().equals("challenger")
                    && change.segments().contains("country=1")) {
                removed = removed.merge(change.before().get("revenue").asSummary());
                added = added.merge(change.after().get("revenue").asSummary());
                events += change.events();
            }
        }
        ExperimentWindowDelta.SummaryChange change = second.summaries().get(
                new SummaryKey("challenger", "revenue", "country=1"));
        assertEquals(removed.n(), change.removed().n());
        assertEquals(removed.meanY(), change.removed().meanY(), 1e-12);
        assertEquals(added.n(), change.added().n());
        assertEquals(added.meanY(), change.added().meanY(), 1e-12);
        assertEquals(added.cYY(), change.added().cYY(), 1e-9 * Math.max(1, added.cYY()));
        assertEquals(events, second.eventsPerSummary(List.of(metric("revenue")))
                .get(new SummaryKey("challenger", "revenue", "country=1")));
        assertTrue(second.newUnits().isEmpty(), "no new units after the first window: " + second.newUnits());
        ExperimentWindowDelta first = deltas.stream()
                .filter(d -> d.experimentId().equals("exp-b") && d.windowEnd() == WINDOW).findFirst().orElseThrow();
        assertEquals(Map.of("champion", 250L, "challenger", 250L), first.newUnits());
    }

    @Test
    void exclusionsAreCountedByTheWindowTheUnitWasFirstCountedIn() throws Exception {
        var harness = harness();
        harness.processElement(new StreamRecord<>(new UnitChange("exp-a", "champion", List.of(), 3_000, 0,
                converted(1), Map.of(), true, 1_000), 3_500));
        harness.processElement(new StreamRecord<>(new UnitChange("exp-a", "champion", List.of(), 3_000, 0,
                converted(0), Map.of(), true, 1_000), 3_500));
        harness.processElement(new StreamRecord<>(new UnitChange("exp-a", "challenger", List.of(), 3_000, 0,
                Map.of(), Map.of(), true, UnitChange.NEVER), 3_500));
        harness.processWatermark(new Watermark(3_500));
        ExperimentWindowDelta delta = harness.extractOutputValues().get(0);
        assertEquals(Map.of(new ExperimentWindowDelta.CountedExclusion("champion", 1_000), 2L),
                delta.countedExclusions());
        assertEquals(1, delta.uncountedExclusions());
        assertEquals(3, delta.multipleExposureUnits());
        assertEquals(2, delta.summaries().get(SummaryKey.overall("champion", "converted")).removed().n());
    }

    @Test
    void deltasLeaveBeforeTheWatermarkThatClosedTheirWindowAndBeforeACheckpointBarrier() throws Exception {
        var harness = harness();
        List<UnitChange> first = changesPerWindow(10, 4).get(0);
        first.forEach(change -> process(harness, change));
        assertTrue(harness.getOutput().isEmpty(), "held until the watermark");
        harness.processWatermark(new Watermark(1_500));
        List<Object> output = new ArrayList<>(harness.getOutput());
        assertEquals(EXPERIMENTS.size() + 1, output.size(), output.toString());
        assertInstanceOf(Watermark.class, output.get(output.size() - 1), "the deltas precede the watermark");

        harness.getOutput().clear();
        first.forEach(change -> process(harness, change));
        harness.prepareSnapshotPreBarrier(1);
        assertEquals(EXPERIMENTS.size(), harness.extractOutputValues().size(), "nothing is held across a checkpoint");
        assertTrue(harness.snapshot(1, 1).getManagedOperatorState().isEmpty(), "stateless");
    }

    private static void process(OneInputStreamOperatorTestHarness<UnitChange, ExperimentWindowDelta> harness,
            UnitChange change) {
        try {
            harness.processElement(new StreamRecord<>(change, 1_500));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MetricSpec metric(String name) {
        return new MetricSpec(name, MetricSpec.MetricKind.MEAN, "values." + name, null,
                MetricSpec.Direction.HIGHER_IS_BETTER, false, null);
    }
}
