package io.abtest.jobs.analysis.join;

import static io.abtest.jobs.analysis.validate.TestEvents.T0;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.records.AttributedOutcome;
import io.abtest.jobs.analysis.records.ShadowDivergence;
import io.abtest.jobs.analysis.records.ValidEvent;
import io.abtest.jobs.analysis.validate.Harnesses;
import io.abtest.jobs.analysis.validate.MetricCapture;
import io.abtest.jobs.analysis.validate.SideOutputs;
import io.abtest.jobs.analysis.validate.TestCatalog;
import io.abtest.jobs.analysis.validate.TestEvents;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributionJoinTest {

    private static final long WINDOW = TestCatalog.RANKER_WINDOW.toMillis();
    private static final long LATENESS = TestCatalog.SEARCH_LATENESS.toMillis();

    private final MetricCapture metrics = new MetricCapture();
    private KeyedOneInputStreamOperatorTestHarness<String, ValidEvent, AttributedOutcome> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = Harnesses.keyed(new AttributionJoin(TestCatalog.CATALOG), ValidEvent::requestId, metrics);
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    @Test
    void joinsAnOutcomeThatArrivesAfterItsPrediction() throws Exception {
        PredictionEvent prediction = TestEvents.served("p-1", "r-1", T0);
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0 + 60_000, TestCatalog.RANKER);

        process(prediction);
        process(outcome);

        assertEquals(List.of(new AttributedOutcome(prediction, outcome)), harness.extractOutputValues());
        assertEquals(1, metrics.count(AttributionJoin.OUTCOMES_ATTRIBUTED));
    }

    @Test
    void joinsAnOutcomeThatArrivesBeforeItsPredictionOnceThePredictionComes() throws Exception {
        PredictionEvent prediction = TestEvents.served("p-1", "r-1", T0);
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0 + 60_000, null);

        process(outcome);
        harness.processWatermark(T0 + 60_000 + LATENESS);
        assertTrue(harness.extractOutputValues().isEmpty());
        process(prediction);

        assertEquals(List.of(new AttributedOutcome(prediction, outcome)), harness.extractOutputValues());
        assertEquals(0, metrics.count(AttributionJoin.OUTCOMES_UNMATCHED));
        finish();
        assertEquals(0, metrics.count(AttributionJoin.OUTCOMES_UNMATCHED));
    }

    @Test
    void joinsAtBothEndsOfTheAttributionWindowAndNowhereOutside() throws Exception {
        PredictionEvent prediction = TestEvents.served("p-1", "r-1", T0);
        OutcomeEvent atStart = TestEvents.outcome("o-1", "r-1", T0, null);
        OutcomeEvent atEnd = TestEvents.outcome("o-2", "r-1", T0 + WINDOW, null);
        OutcomeEvent justAfter = TestEvents.outcome("o-3", "r-1", T0 + WINDOW + 1, null);
        OutcomeEvent justBefore = TestEvents.outcome("o-4", "r-1", T0 - 1, null);

        process(prediction);
        process(atStart);
        process(atEnd);
        process(justAfter);
        process(justBefore);
        finish();

        assertEquals(List.of(new AttributedOutcome(prediction, atStart), new AttributedOutcome(prediction, atEnd)),
                harness.extractOutputValues());
        assertEquals(List.of(justBefore, justAfter), SideOutputs.values(harness, AttributionJoin.UNMATCHED_OUTCOMES));
        assertEquals(2, metrics.count(AttributionJoin.OUTCOMES_ATTRIBUTED));
        assertEquals(2, metrics.count(AttributionJoin.OUTCOMES_UNMATCHED));
    }

    @Test
    void usesTheWindowOfThePredictionsExperiment() throws Exception {
        PredictionEvent search = TestEvents.prediction("p-1", TestCatalog.SEARCH, "bert", "r-1", T0, 0.4, null, true);
        OutcomeEvent ninetyMinutesLater = TestEvents.outcome("o-1", "r-1", T0 + 90 * 60_000, null);

        process(search);
        process(ninetyMinutesLater);

        assertEquals(List.of(new AttributedOutcome(search, ninetyMinutesLater)), harness.extractOutputValues());
    }

    @Test
    void declaresAnOutcomeUnmatchedOnlyWhenTheWatermarkPassesItsTimePlusTheAllowedLateness() throws Exception {
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0, TestCatalog.RANKER);

        process(outcome);
        harness.processWatermark(T0 + LATENESS);
        assertTrue(SideOutputs.values(harness, AttributionJoin.UNMATCHED_OUTCOMES).isEmpty());
        harness.processWatermark(T0 + LATENESS + 1);

        assertEquals(List.of(outcome), SideOutputs.values(harness, AttributionJoin.UNMATCHED_OUTCOMES));
        assertTrue(harness.extractOutputValues().isEmpty());
        assertEquals(1, metrics.count(AttributionJoin.OUTCOMES_UNMATCHED));
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void neverJoinsAnOutcomeToAnotherExperimentsPrediction() throws Exception {
        process(TestEvents.served("p-1", "r-1", T0));
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0 + 1_000, TestCatalog.SEARCH);

        process(outcome);
        finish();

        assertTrue(harness.extractOutputValues().isEmpty());
        assertEquals(List.of(outcome), SideOutputs.values(harness, AttributionJoin.UNMATCHED_OUTCOMES));
    }

    @Test
    void joinsTheLatestOfSeveralServedPredictions() throws Exception {
        PredictionEvent first = TestEvents.served("p-1", "r-1", T0);
        PredictionEvent retry = TestEvents.served("p-2", "r-1", T0 + 1_000);
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0 + 2_000, null);

        process(retry);
        process(first);
        process(outcome);

        assertEquals(List.of(new AttributedOutcome(retry, outcome)), harness.extractOutputValues());
    }

    @Test
    void neverJoinsOutcomesToShadowPredictions() throws Exception {
        process(TestEvents.shadow("s-1", "r-1", T0, 0.3, "skip"));
        OutcomeEvent outcome = TestEvents.outcome("o-1", "r-1", T0 + 1_000, null);

        process(outcome);
        finish();

        assertTrue(harness.extractOutputValues().isEmpty());
        assertEquals(List.of(outcome), SideOutputs.values(harness, AttributionJoin.UNMATCHED_OUTCOMES));
        assertTrue(SideOutputs.values(harness, AttributionJoin.SHADOW_DIVERGENCES).isEmpty());
    }

    @Test
    void reportsShadowDivergenceInEitherArrivalOrder() throws Exception {
        PredictionEvent served = TestEvents.served("p-1", "r-1", T0);
        PredictionEvent shadow = TestEvents.shadow("s-1", "r-1", T0 + 5, 0.3, "skip");
        PredictionEvent served2 = TestEvents.served("p-2", "r-2", T0);
        PredictionEvent agreeingShadow = TestEvents.shadow("s-2", "r-2", T0 + 5, 0.8, "buy");
        PredictionEvent unlabelledShadow = TestEvents.shadow("s-3", "r-2", T0 + 5, null, null);

        process(served);
        process(shadow);
        process(agreeingShadow);
        process(unlabelledShadow);
        process(served2);

        List<ShadowDivergence> divergences = SideOutputs.values(harness, AttributionJoin.SHADOW_DIVERGENCES);
        assertEquals(3, divergences.size());
        ShadowDivergence disagreeing = divergences.get(0);
        assertAll(
                () -> assertEquals(new ShadowDivergence(TestCatalog.RANKER, "challenger", "champion", "r-1", T0,
                        disagreeing.scoreDifference(), true), disagreeing),
                () -> assertEquals(0.3 - 0.8, disagreeing.scoreDifference(), 1e-15),
                () -> assertEquals(new ShadowDivergence(TestCatalog.RANKER, "challenger", "champion", "r-2", T0,
                        0.0, false), divergences.get(1)),
                () -> assertEquals(new ShadowDivergence(TestCatalog.RANKER, "challenger", "champion", "r-2", T0,
                        null, null), divergences.get(2)),
                () -> assertEquals(3, metrics.count(AttributionJoin.SHADOW_DIVERGENCES_METRIC)),
                () -> assertTrue(harness.extractOutputValues().isEmpty()));
    }

    @Test
    void keepsAPredictionUntilTheWindowPlusLatenessHasPassedThenLeavesNoState() throws Exception {
        PredictionEvent prediction = TestEvents.served("p-1", "r-1", T0);
        process(prediction);
        process(TestEvents.shadow("s-1", "r-2", T0, 0.1, "skip"));
        process(TestEvents.outcome("o-1", "r-3", T0, null));
        assertEquals(3, harness.numKeyedStateEntries());

        harness.processWatermark(T0 + WINDOW + LATENESS);
        assertEquals(2, harness.numKeyedStateEntries(), "the served and the shadow prediction wait; the outcome is gone");
        OutcomeEvent lastMinute = TestEvents.outcome("o-2", "r-1", T0 + WINDOW, null);
        process(lastMinute);
        harness.processWatermark(T0 + WINDOW + LATENESS + 1);

        assertEquals(List.of(new AttributedOutcome(prediction, lastMinute)), harness.extractOutputValues());
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numEventTimeTimers());
    }

    @Test
    void waitingEventsSurviveASnapshotAndRestore() throws Exception {
        PredictionEvent prediction = TestEvents.served("p-1", "r-1", T0);
        OutcomeEvent early = TestEvents.outcome("o-1", "r-2", T0 + 1_000, TestCatalog.RANKER);
        process(prediction);
        process(early);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0);
        harness.close();

        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AttributionJoin(TestCatalog.CATALOG)), ValidEvent::requestId,
                Types.STRING);
        KryoFallback.refuse(harness.getExecutionConfig());
        harness.initializeState(snapshot);
        harness.open();
        OutcomeEvent late = TestEvents.outcome("o-2", "r-1", T0 + 2_000, null);
        PredictionEvent earlysPrediction = TestEvents.served("p-2", "r-2", T0 + 500);
        process(late);
        process(earlysPrediction);
        finish();

        assertEquals(List.of(new AttributedOutcome(prediction, late), new AttributedOutcome(earlysPrediction, early)),
                harness.extractOutputValues());
        assertEquals(0, harness.numKeyedStateEntries());
    }

    private void process(PredictionEvent prediction) throws Exception {
        harness.processElement(new StreamRecord<>(TestEvents.valid(prediction), prediction.eventTime()));
    }

    private void process(OutcomeEvent outcome) throws Exception {
        harness.processElement(new StreamRecord<>(TestEvents.valid(outcome), outcome.eventTime()));
    }

    /** The end of the input: every timer fires; no request may leave state behind. */
    private void finish() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
        assertEquals(0, harness.numKeyedStateEntries(), "keyed state left after the end of input");
        assertEquals(0, harness.numEventTimeTimers(), "timers left after the end of input");
    }
}
