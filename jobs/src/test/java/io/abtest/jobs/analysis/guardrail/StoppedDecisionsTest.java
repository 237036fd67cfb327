package io.abtest.jobs.analysis.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.SmallCatalog;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.StopSignal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The decisions while an experiment is stopped: STOP from the stop's time on, until a person resumes it. */
class StoppedDecisionsTest {

    private static final ExperimentCatalog CATALOG = SmallCatalog.of(
            "guardrails:",
            "  - {name: latency-p99, metric: latency_p99, threshold: 0.5, relative_to_control: true, comparison: greater_than,"
                    + " window: 5m, consecutive_breaches: 3, severity: critical, action: stop}");

    private static final GuardrailIncident OPENED = new GuardrailIncident("exp", "challenger", "latency-p99",
            "latency_p99", "exp/challenger/latency-p99/15000", GuardrailIncident.State.OPEN, 15_000, 15_000, 312.0,
            187.5, 400, "critical", "stop", 3, "PT5M");

    private static DecisionRow analysed(long asOf, String verdict) {
        return new DecisionRow("exp", asOf, verdict, verdict.equals("ROLLOUT") ? "challenger" : null, 7,
                "analysis at " + asOf, "act", 0.5);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, DecisionRow, StopSignal, DecisionRow> harness()
            throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new StoppedDecisions()),
                DecisionRow::experimentId, StopSignal::experimentId, Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.open();
        return harness;
    }

    @Test
    void aStopWritesStopAtOnceAndTheDecisionStaysStopToTheEndOfTheRun() throws Exception {
        var harness = harness();
        harness.processElement1(new StreamRecord<>(analysed(10_000, "EXTEND"), 10_000));
        harness.processBothWatermarks(new Watermark(12_000));
        harness.processElement2(new StreamRecord<>(StopSignals.of(OPENED, CATALOG), 15_000));
        harness.processBothWatermarks(new Watermark(16_000));
        // the analysis of a point before the stop arrives late (after the allowed lateness): it stays as analysed
        harness.processElement1(new StreamRecord<>(analysed(14_000, "RAMP_UP"), 14_000));
        harness.processElement1(new StreamRecord<>(analysed(20_000, "ROLLOUT"), 20_000));
        harness.processBothWatermarks(new Watermark(30_000));
        assertEquals(List.of("EXTEND", "STOP", "RAMP_UP"),
                harness.extractOutputValues().stream().map(DecisionRow::decision).toList(),
                "while stopped the decision does not change, so the analysis's ROLLOUT is not written");
        harness.processElement1(new StreamRecord<>(analysed(40_000, "KEEP_CHAMPION"), 40_000));
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);

        List<DecisionRow> rows = harness.extractOutputValues();
        assertEquals(List.of("EXTEND", "STOP", "RAMP_UP", "STOP"), rows.stream().map(DecisionRow::decision).toList());
        assertEquals(List.of(10_000L, 15_000L, 14_000L, 40_000L), rows.stream().map(DecisionRow::asOf).toList(),
                "the end of the run writes STOP at its last analysis point");
        DecisionRow stop = rows.get(1);
        assertEquals("challenger", stop.variant());
        assertEquals(2, stop.rule());
        assertTrue(stop.justification().startsWith("guardrail latency-p99 breached by challenger: latency_p99 312.0 >"
                + " 187.5 for 3 window(s) of PT5M (severity CRITICAL); incident exp/challenger/latency-p99/15000"
                + " opened at 1970-01-01T00:00:15Z; the job wrote STOPPED to ab.control"), stop.justification());
        assertTrue(stop.actionItems().contains("To resume, write RUNNING to ab.control"), stop.actionItems());
        assertEquals(0.5, rows.get(3).srmPValue(), "the last analysis point's own SRM p-value is kept");
    }

    @Test
    void aRunningRecordWrittenByAPersonResumesTheAnalysedDecisions() throws Exception {
        var harness = harness();
        harness.processElement2(new StreamRecord<>(StopSignals.of(OPENED, CATALOG), 15_000));
        harness.processElement2(new StreamRecord<>(StopSignals.of(new ControlRecord("exp", ControlState.RUNNING,
                Map.of(), "fixed the latency", Instant.ofEpochMilli(40_000))), 40_000));
        harness.processElement1(new StreamRecord<>(analysed(30_000, "EXTEND"), 30_000));
        harness.processElement1(new StreamRecord<>(analysed(50_000, "ROLLOUT"), 50_000));
        harness.processBothWatermarks(new Watermark(60_000));

        List<DecisionRow> rows = harness.extractOutputValues();
        assertEquals(List.of("STOP", "EXTEND", "ROLLOUT"), rows.stream().map(DecisionRow::decision).toList(),
                "the resumption writes the analysis's latest decision at its own time, then decisions flow again");
        assertEquals(List.of(15_000L, 40_000L, 50_000L), rows.stream().map(DecisionRow::asOf).toList());
    }

    @Test
    void ourOwnStoppedRecordReadBackAddsNoSecondStop() throws Exception {
        var harness = harness();
        harness.processElement2(new StreamRecord<>(StopSignals.of(OPENED, CATALOG), 15_000));
        harness.processElement2(new StreamRecord<>(StopSignals.of(
                io.abtest.jobs.analysis.sink.StopRecordSink.stopped(OPENED)), 15_000));
        harness.processBothWatermarks(new Watermark(20_000));
        assertEquals(1, harness.extractOutputValues().size());
    }

    @Test
    void inBatchOrderTheSameRowsAreWritten() throws Exception {
        var harness = harness();
        harness.processElement1(new StreamRecord<>(analysed(20_000, "ROLLOUT"), 20_000));
        harness.processElement1(new StreamRecord<>(analysed(10_000, "EXTEND"), 10_000));
        harness.processElement2(new StreamRecord<>(StopSignals.of(OPENED, CATALOG), 15_000));
        harness.processBothWatermarks(Watermark.MAX_WATERMARK);
        assertEquals(List.of("EXTEND", "STOP", "STOP"),
                harness.extractOutputValues().stream().map(DecisionRow::decision).toList());
        assertEquals(List.of(10_000L, 15_000L, 20_000L),
                harness.extractOutputValues().stream().map(DecisionRow::asOf).toList());
    }

    @Test
    void theStoppedStateSurvivesARestore() throws Exception {
        var harness = harness();
        harness.processElement2(new StreamRecord<>(StopSignals.of(OPENED, CATALOG), 15_000));
        harness.processBothWatermarks(new Watermark(16_000));
        harness.processElement1(new StreamRecord<>(analysed(20_000, "ROLLOUT"), 20_000));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        var restored = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new StoppedDecisions()),
                DecisionRow::experimentId, StopSignal::experimentId, Types.STRING);
        KryoFallback.refuse(restored.getExecutionConfig());
        restored.initializeState(snapshot);
        restored.open();
        restored.processBothWatermarks(Watermark.MAX_WATERMARK);
        assertEquals(List.of("STOP"), restored.extractOutputValues().stream().map(DecisionRow::decision).toList());
        assertEquals(20_000L, restored.extractOutputValues().get(0).asOf());
    }

    /** State and records without Kryo: both records are Flink POJOs. */
    @Test
    void recordsAreSerializedAsPojosNotByKryo() {
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(DecisionRow.class));
        assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(StopSignal.class));
    }
}
