package io.abtest.jobs.analysis.operational;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.OperationalRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class CombineWindowsTest {

    private static final long WINDOW = 60_000;
    private static final long LATENESS = 10_000;
    private static final ExperimentCatalog CATALOG = SmallCatalog.of("allowed_lateness: 10s");

    private static List<PredictionEvent> predictions(int count, long seed) {
        Random random = new Random(seed);
        List<PredictionEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String variant = random.nextBoolean() ? "champion" : "challenger";
            PredictionStatus status = random.nextInt(100) == 0 ? PredictionStatus.ERROR : PredictionStatus.OK;
            events.add(new PredictionEvent("e" + i, "exp", variant, "u" + i, "r" + i, random.nextInt(2 * (int) WINDOW),
                    null, Math.exp(8 * random.nextDouble()), status, 0.5, null, random.nextInt(5) > 0, Map.of()));
        }
        return events;
    }

    private static OneInputStreamOperatorTestHarness<PredictionEvent, PartialWindow> combiner() throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<PredictionEvent, PartialWindow>(
                new CombineWindows<>(OperationalMetrics.predictions(CATALOG, WINDOW), LATENESS));
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.setup(PartialWindowSerializer.INSTANCE);
        harness.open();
        return harness;
    }

    private static List<PartialWindow> combine(List<PredictionEvent> events) throws Exception {
        var combiner = combiner();
        for (PredictionEvent event : events) {
            combiner.processElement(new StreamRecord<>(event, event.eventTime()));
        }
        combiner.processWatermark(new Watermark(Long.MAX_VALUE));
        return combiner.extractOutputValues();
    }

    private static List<OperationalRow> rows(List<PartialWindow> partials) throws Exception {
        var metrics = OperationalMetricsTest.harness();
        metrics.open();
        for (PartialWindow partial : partials) {
            metrics.processElement(new StreamRecord<>(partial, partial.end() - 1));
        }
        metrics.processWatermark(new Watermark(Long.MAX_VALUE));
        List<OperationalRow> rows = new ArrayList<>(metrics.extractOutputValues());
        rows.sort(java.util.Comparator.comparing(OperationalRow::windowEnd).thenComparing(OperationalRow::variant)
                .thenComparing(OperationalRow::served));
        return rows;
    }

    @Test
    void combinedPartialsGiveTheRowsOfOnePartialPerPrediction() throws Exception {
        List<PredictionEvent> events = predictions(5_000, 11);
        List<PartialWindow> single = new ArrayList<>();
        for (PredictionEvent event : events) {
            single.addAll(Partials.of(OperationalMetrics.predictions(CATALOG, WINDOW), event));
        }
        List<PartialWindow> combined = new ArrayList<>();
        combined.addAll(combine(events.subList(0, 2_000)));
        combined.addAll(combine(events.subList(2_000, events.size())));
        assertEquals(16, combined.size(), "two subtasks x 2 windows x 2 variants x 2 roles");
        assertEquals(rows(single), rows(combined));
    }

    @Test
    void tenTimesThePredictionsGiveTheSameNumberOfPartials() throws Exception {
        assertEquals(combine(predictions(1_000, 1)).size(), combine(predictions(10_000, 2)).size());
    }

    @Test
    void aWindowsPartialsLeaveBeforeTheWatermarkThatClosesItAndEveryPartialBeforeABarrier() throws Exception {
        assertEquals(LATENESS, OperationalMetrics.closingOffset(CATALOG));
        var combiner = combiner();
        for (PredictionEvent event : predictions(100, 3)) {
            combiner.processElement(new StreamRecord<>(event, event.eventTime()));
        }
        combiner.processWatermark(new Watermark(WINDOW + LATENESS - 1));
        assertEquals(List.of(new Watermark(WINDOW + LATENESS - 1)), new ArrayList<>(combiner.getOutput()),
                "held while no window is closed behind the shuffle");
        combiner.processWatermark(new Watermark(WINDOW + LATENESS));
        List<Object> output = new ArrayList<>(combiner.getOutput());
        assertEquals(1 + 4 + 1, output.size(), "the first window's 4 partials (2 variants x 2 roles): " + output);
        assertInstanceOf(Watermark.class, output.get(output.size() - 1), "the partials precede the watermark");
        assertTrue(combiner.extractOutputValues().stream().allMatch(p -> p.end() == WINDOW));

        combiner.getOutput().clear();
        combiner.prepareSnapshotPreBarrier(1);
        assertEquals(4, combiner.extractOutputValues().size(), "the second window's, before the barrier");
        assertTrue(combiner.snapshot(1, 1).getManagedOperatorState().isEmpty(), "stateless");
    }

    /**
     * The end of a bounded input is the watermark {@code Long.MAX_VALUE}: it closes every window behind the shuffle, so
     * every pending partial leaves before it, whatever the closing offset. With the guardrails' offset of -1,
     * {@code MAX_VALUE - (-1)} wrapped to {@code MIN_VALUE} and the partials stayed until {@code finish()}, after the
     * watermark had made the keyed operator judge their windows without them.
     */
    @Test
    void theFinalWatermarkEmitsEveryPartialBeforeItWhateverTheClosingOffset() throws Exception {
        for (long closingOffset : new long[] {-1, 0, LATENESS}) {
            var combiner = new OneInputStreamOperatorTestHarness<PredictionEvent, PartialWindow>(
                    new CombineWindows<>(OperationalMetrics.predictions(CATALOG, WINDOW), closingOffset));
            KryoFallback.refuse(combiner.getExecutionConfig());
            combiner.setup(PartialWindowSerializer.INSTANCE);
            combiner.open();
            for (PredictionEvent event : predictions(100, 4)) {
                combiner.processElement(new StreamRecord<>(event, event.eventTime()));
            }
            combiner.processWatermark(new Watermark(Long.MAX_VALUE));

            List<Object> output = new ArrayList<>(combiner.getOutput());
            assertEquals(2 * 4 + 1, output.size(), "closing offset " + closingOffset + ": " + output);
            assertEquals(new Watermark(Long.MAX_VALUE), output.get(output.size() - 1), "the partials precede it");
        }
    }
}
