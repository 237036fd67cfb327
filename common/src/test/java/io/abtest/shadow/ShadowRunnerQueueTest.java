package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ShadowRunnerQueueTest {

    @Test
    void aFullQueueDropsShadowCallsWithoutBlockingTheCaller() throws InterruptedException {
        RecordingSink sink = new RecordingSink();
        CountDownLatch releaseChallenger = new CountDownLatch(1);
        ShadowRunner<Integer, String> runner = ShadowRunner.<Integer, String>builder()
                .experimentId("exp-1")
                .champion("control", "a", input -> "champion-" + input)
                .challenger("treatment", "b", input -> {
                    try {
                        assertTrue(releaseChallenger.await(30, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return "challenger-" + input;
                })
                .sink(sink)
                .samplingRate(1.0)
                .timeout(Duration.ofSeconds(60))
                .threads(1)
                .queueCapacity(2)
                .build();

        for (int i = 0; i < 10; i++) {
            assertEquals("champion-" + i, runner.predict("user-" + i, "req-" + i, null, i));
        }
        assertEquals(new ShadowStats(3, 0, 7, 0, 0, 0, 0, 0, 0), runner.stats(),
                "1 running + 2 queued accepted, 7 dropped");
        assertEquals(10, sink.served().size());

        releaseChallenger.countDown();
        sink.awaitShadowEvents(3);
        runner.close();

        assertEquals(new ShadowStats(3, 0, 7, 3, 0, 0, 0, 0, 0), runner.stats());
        assertTrue(sink.shadow().stream().allMatch(event -> event.status() == PredictionStatus.OK));
        assertEquals(Set.of("req-0", "req-1", "req-2"),
                sink.shadow().stream().map(PredictionEvent::requestId).collect(Collectors.toSet()),
                "the first three requests are the ones accepted");
    }
}
