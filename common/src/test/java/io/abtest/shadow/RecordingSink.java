package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A sink that keeps every event and lets a test wait for the challenger's events without sleeping. */
final class RecordingSink implements Consumer<PredictionEvent> {

    private final ConcurrentLinkedQueue<PredictionEvent> events = new ConcurrentLinkedQueue<>();
    private final Semaphore shadowEvents = new Semaphore(0);

    @Override
    public void accept(PredictionEvent event) {
        events.add(event);
        if (!event.served()) {
            shadowEvents.release();
        }
    }

    /** Waits for {@code count} more challenger events; the 30 s limit only bounds a broken run. */
    void awaitShadowEvents(int count) throws InterruptedException {
        assertTrue(shadowEvents.tryAcquire(count, 30, TimeUnit.SECONDS),
                "expected " + count + " challenger events, got " + shadowEvents.availablePermits());
    }

    List<PredictionEvent> all() {
        return List.copyOf(events);
    }

    List<PredictionEvent> served() {
        return events.stream().filter(PredictionEvent::served).toList();
    }

    List<PredictionEvent> shadow() {
        return events.stream().filter(event -> !event.served()).toList();
    }
}
