package io.abtest.jobs.analysis.operational;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class OperationalMetricsTest {

    private static final long WINDOW = 60_000;
    private static final long LATENESS = 10_000;

    private static final ExperimentCatalog CATALOG = SmallCatalog.of("allowed_lateness: 10s");

    private static int sequence;

    private static PredictionEvent prediction(String variant, boolean served, long time, double latency,
            PredictionStatus status) {
        sequence++;
        return new PredictionEvent("e" + sequence, "exp", variant, "u" + sequence, "r" + sequence, time, null, latency,
                status, 0.5, "yes", served, Map.of());
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, OperationalRow> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new OperationalMetrics(CATALOG, WINDOW)), PartialWindow::key, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        return harness;
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, OperationalRow> harness,
            PredictionEvent event) throws Exception {
        for (PartialWindow partial : Partials.of(OperationalMetrics.predictions(CATALOG, WINDOW), event)) {
            harness.processElement(new StreamRecord<>(partial, event.eventTime()));
        }
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, OperationalRow> harness,
            ShadowDivergence divergence) throws Exception {
        for (PartialWindow partial : Partials.of(OperationalMetrics.divergences(CATALOG, WINDOW), divergence)) {
            harness.processElement(new StreamRecord<>(partial, divergence.eventTime()));
        }
    }

    /** What the histogram promises: 3 significant digits of whole microseconds, plus rounding to a microsecond. */
    private static double precision(double ms) {
        return Math.max(1e-3 * ms, 0.001) + 0.0005;
    }

    /** Nearest-rank percentile (the smallest value with at least p% of the values at or below it). */
    private static double nearestRank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    @Test
    void countsRatesAndLatencyPercentilesPerVariantAndWindow() throws Exception {
        var harness = harness();
        harness.open();
        Random random = new Random(7);
        double[] latencies = new double[5_000];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = i == 0 ? 0 : Math.exp(-5 + 16 * random.nextDouble());
            PredictionStatus status = i % 100 == 0 ? PredictionStatus.ERROR
                    : i % 250 == 1 ? PredictionStatus.TIMEOUT : PredictionStatus.OK;
            add(harness, prediction("challenger", true, 1_000 + i, latencies[i], status));
        }
        add(harness, prediction("champion", true, 2_000, 30, PredictionStatus.OK));
        add(harness, prediction("challenger", true, WINDOW + 5, 1, PredictionStatus.OK));

        harness.processWatermark(new Watermark(WINDOW + LATENESS - 1));
        assertTrue(harness.extractOutputValues().isEmpty(), "a window waits for the allowed lateness");
        harness.processWatermark(new Watermark(WINDOW + LATENESS));

        List<OperationalRow> rows = harness.extractOutputValues();
        assertEquals(2, rows.size());
        OperationalRow challenger = rows.stream().filter(r -> r.variant().equals("challenger")).findFirst().orElseThrow();
        assertEquals(0, challenger.windowStart());
        assertEquals(WINDOW, challenger.windowEnd());
        assertTrue(challenger.served());
        assertEquals(5_000, challenger.predictions());
        assertEquals(50, challenger.errors());
        assertEquals(20, challenger.timeouts());
        assertEquals(0.01, challenger.errorRate(), 1e-15);
        assertEquals(0.004, challenger.timeoutRate(), 1e-15);
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        assertEquals(nearestRank(sorted, 50), challenger.latencyP50(), precision(nearestRank(sorted, 50)));
        assertEquals(nearestRank(sorted, 95), challenger.latencyP95(), precision(nearestRank(sorted, 95)));
        assertEquals(nearestRank(sorted, 99), challenger.latencyP99(), precision(nearestRank(sorted, 99)));
        assertEquals(sorted[sorted.length - 1], challenger.latencyMax(), precision(sorted[sorted.length - 1]));
        assertEquals(0, challenger.shadowPairs());
        assertNull(challenger.meanScoreDifference());
        assertEquals(1, harness.numEventTimeTimers(), "the second window is still open");
    }

    @Test
    void shadowPredictionsAndTheirDivergenceFormTheShadowRow() throws Exception {
        var harness = harness();
        harness.open();
        add(harness, prediction("challenger", false, 100, 40, PredictionStatus.OK));
        add(harness, prediction("challenger", false, 200, 60, PredictionStatus.TIMEOUT));
        add(harness, new ShadowDivergence("exp", "champion", "challenger", "r1", 100, 0.25, true));
        add(harness, new ShadowDivergence("exp", "champion", "challenger", "r2", 200, -0.05, false));
        add(harness, new ShadowDivergence("exp", "champion", "challenger", "r3", 300, null, null));
        harness.processWatermark(new Watermark(WINDOW + LATENESS));

        OperationalRow shadow = harness.extractOutputValues().get(0);
        assertFalse(shadow.served());
        assertEquals(2, shadow.predictions());
        assertEquals(1, shadow.timeouts());
        assertEquals(3, shadow.shadowPairs());
        assertEquals(0.1, shadow.meanScoreDifference(), 1e-15);
        assertEquals(0.5, shadow.labelDisagreementRate(), 1e-15);
    }

    @Test
    void aWindowRestoredFromACheckpointGivesWhatAnUninterruptedOneGives() throws Exception {
        Random random = new Random(11);
        List<PredictionEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(prediction("challenger", true, i * 20L, 1 + 500 * random.nextDouble(),
                    i % 50 == 0 ? PredictionStatus.ERROR : PredictionStatus.OK));
        }

        var uninterrupted = harness();
        uninterrupted.open();
        for (PredictionEvent event : events) {
            add(uninterrupted, event);
        }
        uninterrupted.processWatermark(new Watermark(WINDOW + LATENESS));

        var first = harness();
        first.open();
        for (PredictionEvent event : events.subList(0, 1_000)) {
            add(first, event);
        }
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var restored = harness();
        restored.initializeState(snapshot);
        restored.open();
        for (PredictionEvent event : events.subList(1_000, events.size())) {
            add(restored, event);
        }
        restored.processWatermark(new Watermark(WINDOW + LATENESS));

        assertEquals(uninterrupted.extractOutputValues(), restored.extractOutputValues());
        assertEquals(1, uninterrupted.extractOutputValues().size());
    }
}
