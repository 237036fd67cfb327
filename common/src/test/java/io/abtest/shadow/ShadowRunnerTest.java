package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ShadowRunnerTest {

    private record Prediction(double score, String label) {
    }

    private static final Instant NOW = Instant.parse("2025-01-02T03:04:05.678Z");
    private static final Map<String, String> ATTRIBUTES = Map.of("country", "DE", "device", "ios");

    private static ShadowRunnerBuilder<String, Prediction> runner(RecordingSink sink) {
        return ShadowRunner.<String, Prediction>builder()
                .experimentId("exp-1")
                .champion("control", "model-a:3", input -> new Prediction(0.9, "cat"))
                .challenger("treatment", "model-b:7", input -> new Prediction(0.4, "dog"))
                .output(prediction -> new ModelOutput(prediction.score(), prediction.label()))
                .sink(sink)
                .clock(InstantSource.fixed(NOW))
                .timeout(Duration.ofSeconds(30));
    }

    private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(30, TimeUnit.SECONDS), "latch not reached");
    }

    @Test
    void bothPredictionsOfARequestAreRecordedUnderTheSameIds() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        try (ShadowRunner<String, Prediction> runner = runner(sink).build()) {
            Prediction answer = runner.predict("user-17", "req-1", ATTRIBUTES, "features");

            assertEquals(new Prediction(0.9, "cat"), answer);
            sink.awaitShadowEvents(1);
            PredictionEvent champion = sink.served().get(0);
            PredictionEvent challenger = sink.shadow().get(0);
            assertEquals(new PredictionEvent(champion.eventId(), "exp-1", "control", "user-17", "req-1",
                    NOW.toEpochMilli(), "model-a:3", champion.latencyMs(), PredictionStatus.OK, 0.9, "cat", true,
                    ATTRIBUTES), champion);
            assertEquals(new PredictionEvent(challenger.eventId(), "exp-1", "treatment", "user-17", "req-1",
                    NOW.toEpochMilli(), "model-b:7", challenger.latencyMs(), PredictionStatus.OK, 0.4, "dog", false,
                    ATTRIBUTES), challenger);
            assertNotEquals(champion.eventId(), challenger.eventId());
            assertEquals(champion.eventId(), UUID.fromString(champion.eventId()).toString());
            assertEquals(challenger.eventId(), UUID.fromString(challenger.eventId()).toString());
            assertTrue(champion.latencyMs() >= 0 && challenger.latencyMs() >= 0);
            assertTrue(challenger.latencyMs() < 30_000, "an ok event's latency is below the timeout");
            assertEquals(2, sink.all().size());
            assertEquals(new ShadowStats(1, 0, 0, 1, 0, 0, 0, 0, 0), runner.stats());
        }
    }

    @Test
    void theChampionReturnsWhileTheChallengerIsStillRunning() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        CountDownLatch challengerStarted = new CountDownLatch(1);
        CountDownLatch releaseChallenger = new CountDownLatch(1);
        Prediction championAnswer = new Prediction(0.9, "cat");
        try (ShadowRunner<String, Prediction> runner = runner(sink)
                .champion("control", "model-a:3", input -> championAnswer)
                .challenger("treatment", "model-b:7", input -> {
                    challengerStarted.countDown();
                    try {
                        awaitLatch(releaseChallenger);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new Prediction(0.4, "dog");
                })
                .build()) {
            assertSame(championAnswer, runner.predict("user-1", "req-1", null, "features"));

            awaitLatch(challengerStarted);
            assertEquals(List.of(), sink.shadow(), "the challenger is blocked, yet the champion already answered");
            assertEquals(1, sink.served().size());
            releaseChallenger.countDown();
            sink.awaitShadowEvents(1);
            assertEquals(PredictionStatus.OK, sink.shadow().get(0).status());
        }
    }

    @Test
    void aThrowingChallengerYieldsAnErrorEventAndChangesNothingForTheCaller() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        Prediction championAnswer = new Prediction(0.9, "cat");
        try (ShadowRunner<String, Prediction> runner = runner(sink)
                .champion("control", "model-a:3", input -> championAnswer)
                .challenger("treatment", "model-b:7", input -> {
                    throw new IllegalStateException("challenger bug");
                })
                .build()) {
            assertSame(championAnswer, runner.predict("user-1", "req-1", null, "features"));

            sink.awaitShadowEvents(1);
            PredictionEvent challenger = sink.shadow().get(0);
            assertEquals(PredictionStatus.ERROR, challenger.status());
            assertEquals("treatment", challenger.variant());
            assertNull(challenger.score());
            assertNull(challenger.predictedLabel());
            assertEquals(PredictionStatus.OK, sink.served().get(0).status());
            assertEquals(new ShadowStats(1, 0, 0, 0, 1, 0, 0, 0, 0), runner.stats());
        }
    }

    @Test
    void aThrowingChampionIsRecordedAsErrorAndRethrownWithoutAShadowCall() {
        RecordingSink sink = new RecordingSink();
        IllegalStateException championFailure = new IllegalStateException("model not loaded");
        AtomicInteger challengerCalls = new AtomicInteger();
        ShadowRunner<String, Prediction> runner = runner(sink)
                .champion("control", "model-a:3", input -> {
                    throw championFailure;
                })
                .challenger("treatment", "model-b:7", input -> {
                    challengerCalls.incrementAndGet();
                    return new Prediction(0.4, "dog");
                })
                .build();

        assertSame(championFailure, assertThrows(IllegalStateException.class,
                () -> runner.predict("user-1", "req-1", ATTRIBUTES, "features")));
        runner.close();

        PredictionEvent champion = sink.all().get(0);
        assertEquals(1, sink.all().size());
        assertTrue(champion.served());
        assertEquals(PredictionStatus.ERROR, champion.status());
        assertEquals("req-1", champion.requestId());
        assertNull(champion.score());
        assertEquals(0, challengerCalls.get());
        assertEquals(new ShadowStats(0, 0, 0, 0, 0, 0, 0, 1, 0), runner.stats());
    }

    @Test
    void aSinkThatThrowsOnTheChampionsEventAffectsNeitherTheAnswerNorTheChallengersEvent() throws InterruptedException {
        RecordingSink recorded = new RecordingSink();
        Prediction championAnswer = new Prediction(0.9, "cat");
        try (ShadowRunner<String, Prediction> runner = runner(recorded)
                .champion("control", "model-a:3", input -> championAnswer)
                .sink(event -> {
                    if (event.served()) {
                        throw new IllegalStateException("broker down");
                    }
                    recorded.accept(event);
                })
                .build()) {
            assertSame(championAnswer, runner.predict("user-1", "req-1", null, "features"));

            recorded.awaitShadowEvents(1);
            assertEquals("req-1", recorded.shadow().get(0).requestId());
            assertEquals(new ShadowStats(1, 0, 0, 1, 0, 0, 1, 0, 0), runner.stats());
        }
    }

    @Test
    void aSinkThatAlwaysThrowsIsCountedOncePerEvent() {
        Prediction championAnswer = new Prediction(0.9, "cat");
        ShadowRunner<String, Prediction> runner = runner(new RecordingSink())
                .champion("control", "model-a:3", input -> championAnswer)
                .sink(event -> {
                    throw new IllegalStateException("broker down");
                })
                .build();

        assertSame(championAnswer, runner.predict("user-1", "req-1", null, "features"));
        runner.close();

        assertEquals(new ShadowStats(1, 0, 0, 1, 0, 0, 2, 0, 0), runner.stats());
    }

    @Test
    void anOutputFunctionFailingOnTheChampionsAnswerStillServesItAndRecordsItWithoutScore() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        Prediction championAnswer = new Prediction(0.9, "cat");
        try (ShadowRunner<String, Prediction> runner = runner(sink)
                .champion("control", "model-a:3", input -> championAnswer)
                .output(prediction -> {
                    if (prediction == championAnswer) {
                        throw new IllegalArgumentException("unreadable");
                    }
                    return ModelOutput.score(prediction.score());
                })
                .build()) {
            assertSame(championAnswer, runner.predict("user-1", "req-1", null, "features"));

            sink.awaitShadowEvents(1);
            PredictionEvent champion = sink.served().get(0);
            assertEquals(PredictionStatus.OK, champion.status());
            assertNull(champion.score());
            assertEquals(0.4, sink.shadow().get(0).score());
            assertEquals(new ShadowStats(1, 0, 0, 1, 0, 0, 0, 0, 1), runner.stats());
        }
    }

    @Test
    void closeIsIdempotentAndLaterRequestsStillServeTheChampion() {
        RecordingSink sink = new RecordingSink();
        ShadowRunner<String, String> runner = ShadowRunner.<String, String>builder()
                .experimentId("exp-1")
                .champion("control", null, input -> "champion:" + input)
                .challenger("treatment", null, Function.identity())
                .sink(sink)
                .build();

        runner.close();
        runner.close();

        assertEquals("champion:x", runner.predict("user-1", "req-1", null, "x"));
        assertEquals(new ShadowStats(0, 0, 1, 0, 0, 0, 0, 0, 0), runner.stats());
        assertEquals(1, sink.all().size());
        assertTrue(sink.all().get(0).served());
        assertNull(sink.all().get(0).modelVersion());
        runner.close();
    }
}
