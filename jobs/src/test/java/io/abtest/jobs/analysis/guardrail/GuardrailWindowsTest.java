package io.abtest.jobs.analysis.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.operational.PartialWindow;
import io.abtest.jobs.analysis.operational.Partials;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.validate.MetricCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class GuardrailWindowsTest {

    private static final long MINUTE = 60_000;
    private static final long FIVE_MINUTES = 5 * MINUTE;

    /** 1-minute guardrails (p99 relative to the control, absolute error rate), a 5-minute p50, and a configured one. */
    private static ExperimentCatalog catalog(String alpha) {
        return SmallCatalog.of(
                "guardrails:",
                "  - {name: p99-vs-control, metric: latency_p99, threshold: 0.5, comparison: greater_than, window: 1m,"
                        + " severity: critical, action: stop, relative_to_control: true}",
                "  - {name: errors, metric: error_rate, threshold: 0.03, comparison: greater_than, window: 1m,"
                        + " severity: warning, action: alert}",
                "  - {name: p50, metric: latency_p50, threshold: 100, comparison: greater_than, window: 5m,"
                        + " severity: info, action: alert}",
                "  - {metric: converted, threshold: 0.01, comparison: less_than, window: 1m, severity: info,"
                        + " action: alert}",
                "allowed_lateness: 10m",
                "alpha: " + alpha);
    }

    private static final ExperimentCatalog CATALOG = catalog("0.05");

    private static int sequence;

    private static PredictionEvent served(String variant, long time, double latencyMs, PredictionStatus status) {
        return prediction(variant, time, latencyMs, status, true);
    }

    private static PredictionEvent prediction(String variant, long time, double latencyMs, PredictionStatus status,
            boolean served) {
        sequence++;
        return new PredictionEvent("e" + sequence, "exp", variant, "u" + sequence, "r" + sequence, time, null,
                latencyMs, status, 0.5, null, served, Map.of());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, GuardrailJudgment> harness(
            ExperimentCatalog catalog, MetricCapture metrics) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GuardrailWindows(catalog)), PartialWindow::key, Types.STRING,
                metrics.environment());
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, GuardrailJudgment> harness()
            throws Exception {
        return harness(CATALOG, new MetricCapture());
    }

    /** {@code count} served predictions of a variant spread over [start, start + 1 min), all at one latency. */
    private static List<PredictionEvent> minuteOf(String variant, long start, int count, double latencyMs,
            int errors) {
        List<PredictionEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(served(variant, start + i * (MINUTE / count), latencyMs,
                    i < errors ? PredictionStatus.ERROR : PredictionStatus.OK));
        }
        return events;
    }

    private static void add(KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, GuardrailJudgment> harness,
            List<PredictionEvent> events) throws Exception {
        for (PredictionEvent event : events) {
            for (PartialWindow partial : Partials.of(GuardrailWindows.servedPredictions(CATALOG), event)) {
                harness.processElement(new StreamRecord<>(partial, event.eventTime()));
            }
        }
    }

    private static GuardrailJudgment only(List<GuardrailJudgment> judgments, String guardrail, String variant,
            long end) {
        List<GuardrailJudgment> matching = judgments.stream().filter(j -> j.guardrail().equals(guardrail)
                && j.variant().equals(variant) && j.windowEnd() == end).toList();
        assertEquals(1, matching.size(), guardrail + " " + variant + " " + end + " in " + judgments);
        return matching.get(0);
    }

    @Test
    void aWindowIsJudgedWhenTheWatermarkPassesItsEndNotBeforeAndWithoutTheAllowedLateness() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 200, 100, 0));
        add(harness, minuteOf("challenger", 0, 200, 120, 0));

        harness.processWatermark(new Watermark(MINUTE - 2));
        assertTrue(harness.extractOutputValues().isEmpty(), "the window's last millisecond may still come");
        harness.processWatermark(new Watermark(MINUTE - 1));

        List<GuardrailJudgment> judgments = harness.extractOutputValues();
        assertEquals(List.of("p99-vs-control/challenger", "errors/champion", "errors/challenger"),
                judgments.stream().map(j -> j.guardrail() + "/" + j.variant()).toList(),
                "the 5-minute window is still open; the configured-metric guardrail is not this operator's");
        for (GuardrailJudgment judgment : judgments) {
            assertEquals("exp", judgment.experimentId());
            assertEquals(0, judgment.windowStart());
            assertEquals(MINUTE, judgment.windowEnd());
            assertEquals(Verdict.HEALTHY, judgment.verdict(), judgment.toString());
            assertEquals(200, judgment.events());
        }
        assertTrue(harness.extractOutputStreamRecords().stream().allMatch(r -> r.getTimestamp() == MINUTE - 1));
    }

    @Test
    void theControlIsJudgedByAbsoluteGuardrailsButNeverAgainstItself() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 200, 500, 0));
        add(harness, minuteOf("challenger", 0, 200, 80, 0));
        harness.processWatermark(new Watermark(FIVE_MINUTES - 1));

        List<GuardrailJudgment> judgments = harness.extractOutputValues();
        assertTrue(judgments.stream().noneMatch(j -> j.guardrail().equals("p99-vs-control")
                && j.variant().equals("champion")));
        assertEquals(Verdict.BREACH, only(judgments, "p50", "champion", FIVE_MINUTES).verdict(), "500 ms > 100 ms");
        assertEquals(Verdict.HEALTHY, only(judgments, "p50", "challenger", FIVE_MINUTES).verdict());
        assertEquals(0, only(judgments, "p50", "champion", FIVE_MINUTES).windowStart());
    }

    @Test
    void relativeP99UsesTheControlsPercentileOfTheSameWindow() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 200, 100, 0));
        add(harness, minuteOf("challenger", 0, 200, 140, 0));
        add(harness, minuteOf("champion", MINUTE, 200, 80, 0));
        add(harness, minuteOf("challenger", MINUTE, 200, 140, 0));
        harness.processWatermark(new Watermark(2 * MINUTE - 1));

        List<GuardrailJudgment> judgments = harness.extractOutputValues();
        GuardrailJudgment first = only(judgments, "p99-vs-control", "challenger", MINUTE);
        GuardrailJudgment second = only(judgments, "p99-vs-control", "challenger", 2 * MINUTE);
        // HdrHistogram keeps 3 significant digits: percentiles within 0.1%.
        assertEquals(150, first.threshold(), 0.15, "1.5 x the control's 100 ms of the first minute");
        assertEquals(Verdict.HEALTHY, first.verdict());
        assertEquals(120, second.threshold(), 0.12, "1.5 x the control's 80 ms of the second minute");
        assertEquals(Verdict.BREACH, second.verdict());
        assertEquals(140, second.observed(), 0.14);
        assertNull(second.bound());
    }

    @Test
    void theErrorRateIsJudgedByItsConfidenceBoundAtTheExperimentsAlpha() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 300, 100, 0));
        add(harness, minuteOf("challenger", 0, 300, 100, 18));
        harness.processWatermark(new Watermark(MINUTE - 1));
        GuardrailJudgment sixPercent = only(harness.extractOutputValues(), "errors", "challenger", MINUTE);
        assertEquals(Verdict.BREACH, sixPercent.verdict());
        assertEquals(0.06, sixPercent.observed(), 1e-15);
        assertEquals(0.03, sixPercent.threshold());
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.1, method='wilson')[0]
        assertEquals(0.041138764685083345, sixPercent.bound(), 1e-14);

        var strict = harness(catalog("0.001"), new MetricCapture());
        add(strict, minuteOf("champion", 0, 300, 100, 0));
        add(strict, minuteOf("challenger", 0, 300, 100, 18));
        strict.processWatermark(new Watermark(MINUTE - 1));
        GuardrailJudgment atStrictAlpha = only(strict.extractOutputValues(), "errors", "challenger", MINUTE);
        assertEquals(Verdict.HEALTHY, atStrictAlpha.verdict());
        // statsmodels 0.15.0: proportion_confint(18, 300, alpha=0.002, method='wilson')[0]
        assertEquals(0.029708444115882943, atStrictAlpha.bound(), 1e-14);
    }

    @Test
    void belowMinEventsAndForAVariantThatServedNothingTheWindowIsNotJudged() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 99, 100, 0));
        add(harness, minuteOf("challenger", 0, 150, 900, 150));
        add(harness, minuteOf("champion", MINUTE, 200, 100, 0));
        harness.processWatermark(new Watermark(2 * MINUTE - 1));

        List<GuardrailJudgment> judgments = harness.extractOutputValues();
        GuardrailJudgment controlTooSmall = only(judgments, "p99-vs-control", "challenger", MINUTE);
        assertEquals(new GuardrailJudgment("exp", "challenger", "p99-vs-control", "latency_p99", 0, MINUTE,
                Verdict.NOT_JUDGED, null, null, null, 150), controlTooSmall, "the control served 99 < min_events");
        assertEquals(Verdict.NOT_JUDGED, only(judgments, "errors", "champion", MINUTE).verdict());
        assertEquals(99, only(judgments, "errors", "champion", MINUTE).events());
        assertEquals(Verdict.BREACH, only(judgments, "errors", "challenger", MINUTE).verdict(), "150 errors of 150");

        GuardrailJudgment silent = only(judgments, "errors", "challenger", 2 * MINUTE);
        assertEquals(Verdict.NOT_JUDGED, silent.verdict());
        assertEquals(0, silent.events());
        assertEquals(Verdict.NOT_JUDGED, only(judgments, "p99-vs-control", "challenger", 2 * MINUTE).verdict());
        assertEquals(Verdict.HEALTHY, only(judgments, "errors", "champion", 2 * MINUTE).verdict());
        assertEquals(6, judgments.size());
    }

    @Test
    void lateDataInAJudgedWindowIsLeftOutAndCountedButCountsInTheLongerWindowStillOpen() throws Exception {
        MetricCapture metrics = new MetricCapture();
        var harness = harness(CATALOG, metrics);
        add(harness, minuteOf("champion", 0, 200, 50, 0));
        add(harness, minuteOf("challenger", 0, 200, 50, 20));
        harness.processWatermark(new Watermark(MINUTE - 1));
        assertEquals(3, harness.extractOutputValues().size());

        add(harness, List.of(served("champion", 30_000, 50, PredictionStatus.OK)));
        harness.processWatermark(new Watermark(2 * MINUTE - 1));
        assertEquals(3, harness.extractOutputValues().size(), "the first minute is not judged again");
        assertEquals(1, metrics.count(GuardrailWindows.PREDICTIONS_AFTER_JUDGMENT));

        harness.processWatermark(new Watermark(FIVE_MINUTES - 1));
        assertEquals(201, only(harness.extractOutputValues(), "p50", "champion", FIVE_MINUTES).events());
        assertEquals(5, metrics.count(GuardrailWindows.WINDOWS_JUDGED));
        assertEquals(0, metrics.count(GuardrailWindows.WINDOWS_NOT_JUDGED));
        assertEquals(1, metrics.count(GuardrailWindows.BREACHES), "10% errors of 200 against 3%");
    }

    @Test
    void stateAndTimersAreClearedWhenTheirWindowIsJudged() throws Exception {
        var harness = harness();
        add(harness, minuteOf("champion", 0, 200, 100, 0));
        add(harness, minuteOf("challenger", 0, 200, 100, 0));
        assertEquals(List.of("1m champion", "1m challenger", "5m champion", "5m challenger"), openWindows(harness));
        assertEquals(2, harness.numEventTimeTimers());

        harness.processWatermark(new Watermark(MINUTE - 1));
        assertEquals(List.of("5m champion", "5m challenger"), openWindows(harness));
        assertEquals(1, harness.numEventTimeTimers());

        harness.processWatermark(new Watermark(FIVE_MINUTES - 1));
        assertEquals(List.of(), openWindows(harness));
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    /** The experiment's open windows as "length variant", by length then variant (champion first). */
    private static List<String> openWindows(
            KeyedOneInputStreamOperatorTestHarness<String, PartialWindow, GuardrailJudgment> harness)
            throws Exception {
        harness.getOperator().setCurrentKey("exp");
        List<String> open = new ArrayList<>();
        for (GuardrailWindowKey key : harness.getOperator().getKeyedStateStore()
                .getMapState(GuardrailWindows.WINDOWS).keys()) {
            open.add(key.lengthMillis() / MINUTE + "m " + key.variant());
        }
        open.sort(java.util.Comparator.<String, Boolean>comparing(w -> !w.startsWith("1m"))
                .thenComparing(w -> !w.endsWith("champion")));
        return open;
    }

    @Test
    void shadowPredictionsAreNotJudged() throws Exception {
        var harness = harness();
        for (int i = 0; i < 200; i++) {
            add(harness, List.of(prediction("challenger", i, 900, PredictionStatus.ERROR, false)));
        }
        assertEquals(0, harness.numKeyedStateEntries());
        harness.processWatermark(new Watermark(FIVE_MINUTES - 1));
        assertTrue(harness.extractOutputValues().isEmpty());
    }

    @Test
    void aSnapshotMidWindowRestoresToTheSameJudgments() throws Exception {
        List<PredictionEvent> events = new ArrayList<>();
        events.addAll(minuteOf("champion", 0, 400, 100, 4));
        events.addAll(minuteOf("challenger", 0, 400, 180, 30));
        events.sort(java.util.Comparator.comparingLong(PredictionEvent::eventTime));

        var uninterrupted = harness();
        add(uninterrupted, events);
        uninterrupted.processWatermark(new Watermark(FIVE_MINUTES - 1));

        var first = harness();
        add(first, events.subList(0, 400));
        OperatorSubtaskState snapshot = first.snapshot(1, 1);
        first.close();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new GuardrailWindows(CATALOG)), PartialWindow::key, Types.STRING);
        KryoFallback.refuse(restored.getExecutionConfig());
        restored.initializeState(snapshot);
        restored.open();
        add(restored, events.subList(400, events.size()));
        restored.processWatermark(new Watermark(FIVE_MINUTES - 1));

        assertEquals(uninterrupted.extractOutputValues(), restored.extractOutputValues());
        assertEquals(5, restored.extractOutputValues().size());
        assertEquals(Verdict.BREACH, only(restored.extractOutputValues(), "p99-vs-control", "challenger", MINUTE)
                .verdict());
    }

    @Test
    void judgmentsTravelAsFlinkPojosNotKryo() {
        TypeInformation<GuardrailJudgment> type = TypeInformation.of(GuardrailJudgment.class);
        assertInstanceOf(PojoTypeInfo.class, type);
        assertEquals("PojoSerializer", type.createSerializer(new SerializerConfigImpl()).getClass().getSimpleName());
    }
}
