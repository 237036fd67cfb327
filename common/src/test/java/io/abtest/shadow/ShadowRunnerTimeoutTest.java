package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShadowRunnerTimeoutTest {

    private static final long CHAMPION_SLEEP_MS = 20;
    private static final long CHALLENGER_SLEEP_MS = 2_000;
    private static final Duration CHALLENGER_TIMEOUT = Duration.ofMillis(400);
    /**
     * Below the challenger's timeout (a champion held back until the challenger timed out would fail) and far below
     * its 2 s sleep; generous for a loaded 2-core machine.
     */
    private static final long LATENCY_MARGIN_MS = 150;

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void theChampionAnswersAtItsOwnLatencyWhileTheChallengerOverrunsItsTimeout() throws InterruptedException {
        int requests = 6;
        RecordingSink sink = new RecordingSink();
        CountDownLatch challengersInterrupted = new CountDownLatch(requests);
        List<Object> championAnswers = new ArrayList<>();
        ShadowRunner<String, Object> runner = ShadowRunner.<String, Object>builder()
                .experimentId("exp-1")
                .champion("control", "a", input -> {
                    sleep(CHAMPION_SLEEP_MS);
                    Object answer = new Object();
                    championAnswers.add(answer);
                    return answer;
                })
                .challenger("treatment", "b", input -> {
                    try {
                        Thread.sleep(CHALLENGER_SLEEP_MS);
                    } catch (InterruptedException e) {
                        challengersInterrupted.countDown();
                        throw new IllegalStateException("interrupted at the timeout", e);
                    }
                    return new Object();
                })
                .sink(sink)
                .timeout(CHALLENGER_TIMEOUT)
                .threads(2)
                .build();

        for (int i = 0; i < requests; i++) {
            long start = System.nanoTime();
            Object answer = runner.predict("user-" + i, "req-" + i, Map.of(), "features");
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertSame(championAnswers.get(i), answer);
            // The first request also pays one-time class loading (UUID's SecureRandom, the executors), so it is not timed.
            if (i > 0) {
                assertTrue(elapsedMs < CHAMPION_SLEEP_MS + LATENCY_MARGIN_MS,
                        "predict took " + elapsedMs + " ms, the champion alone takes " + CHAMPION_SLEEP_MS + " ms");
            }
        }
        sink.awaitShadowEvents(requests);
        assertTrue(challengersInterrupted.await(30, TimeUnit.SECONDS), "every timed-out challenger is interrupted");
        runner.close();

        for (PredictionEvent event : sink.shadow()) {
            assertFalse(event.served());
            assertEquals("treatment", event.variant());
            assertEquals(PredictionStatus.TIMEOUT, event.status());
            assertEquals((double) CHALLENGER_TIMEOUT.toMillis(), event.latencyMs());
            assertNull(event.score());
        }
        assertEquals(2 * requests, sink.all().size(), "the interrupted challengers record no second event");
        assertEquals(new ShadowStats(requests, 0, 0, 0, 0, requests, 0, 0, 0), runner.stats());
    }

    private record Spin(String requestId, long nanos) {
    }

    /**
     * Challengers that spin from half to one and a half times the timeout make completion and expiry race
     * on many calls; whichever wins, each call must produce exactly one event. An expiry's interrupt must
     * land in its own call only: a call that finds its thread already interrupted when it starts (its own
     * expiry can fire that early on a loaded machine) must be one that timed out, never one that then
     * finished in time, which is what an interrupt leaked from the previous call would look like.
     */
    @Test
    void exactlyOneEventPerCallWhenCompletionAndTimeoutRace() throws InterruptedException {
        int requests = 400;
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(1);
        RecordingSink sink = new RecordingSink();
        Set<String> startedInterrupted = ConcurrentHashMap.newKeySet();
        ShadowRunner<Spin, Spin> runner = ShadowRunner.<Spin, Spin>builder()
                .experimentId("exp-1")
                .champion("control", "a", Function.identity())
                .challenger("treatment", "b", spin -> {
                    if (Thread.currentThread().isInterrupted()) {
                        startedInterrupted.add(spin.requestId());
                    }
                    long end = System.nanoTime() + spin.nanos();
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                    return spin;
                })
                .sink(sink)
                .timeout(Duration.ofNanos(timeoutNanos))
                .threads(2)
                .queueCapacity(requests)
                .build();

        for (int i = 0; i < requests; i++) {
            String requestId = "req-" + i;
            runner.predict("user-" + i, requestId, null, new Spin(requestId, timeoutNanos * (5 + i % 11) / 10));
        }
        sink.awaitShadowEvents(requests);
        runner.close();

        Map<String, List<PredictionEvent>> eventsPerRequest = sink.shadow().stream()
                .collect(Collectors.groupingBy(PredictionEvent::requestId));
        assertEquals(requests, eventsPerRequest.size());
        assertTrue(eventsPerRequest.values().stream().allMatch(events -> events.size() == 1), eventsPerRequest.toString());
        ShadowStats stats = runner.stats();
        assertEquals(requests, stats.submitted());
        assertEquals(requests, stats.completedOk() + stats.timeouts(), stats.toString());
        assertEquals(0, stats.errors(), stats.toString());
        assertTrue(stats.timeouts() > 0, stats.toString());
        for (String requestId : startedInterrupted) {
            assertEquals(PredictionStatus.TIMEOUT, eventsPerRequest.get(requestId).get(0).status(),
                    requestId + " started interrupted although its own timeout had not expired");
        }
        assertTrue(sink.shadow().stream()
                .filter(event -> event.status() == PredictionStatus.OK)
                .allMatch(event -> event.latencyMs() < 1.0), "ok events are faster than the timeout");
        assertTrue(sink.shadow().stream()
                .filter(event -> event.status() == PredictionStatus.TIMEOUT)
                .allMatch(event -> event.latencyMs() == 1.0), "timeout events carry the timeout");
    }
}
