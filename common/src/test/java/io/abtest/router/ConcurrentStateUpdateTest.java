package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Readers assign while a writer flips the state between STOPPED and a RUNNING split: every answer is one
 * that some applied state gives, and once the writer is done every reader sees the final state.
 */
class ConcurrentStateUpdateTest {

    @Test
    void readersSeeOnlyWholeStatesWhileAWriterUpdates() throws InterruptedException {
        ExperimentRouter router = new ExperimentRouter(Experiments.split("exp", "salt", 50, 50));
        ExperimentRouter runningOnly = new ExperimentRouter(Experiments.split("exp", "salt", 50, 50));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Set<String> wrong = ConcurrentHashMap.newKeySet();
        CountDownLatch writerDone = new CountDownLatch(1);
        CountDownLatch readersStarted = new CountDownLatch(2);
        AtomicLong roundsDuringWrites = new AtomicLong();
        Runnable reader = () -> {
            try {
                readersStarted.countDown();
                while (writerDone.getCount() > 0) {
                    roundsDuringWrites.incrementAndGet();
                    for (int u = 0; u < 500; u++) {
                        String unit = "unit-" + u;
                        Assignment a = router.assign(unit, Map.of());
                        boolean stopped = a.reason() == Assignment.Reason.STOPPED && a.variant().equals("control");
                        boolean running = a.reason() == Assignment.Reason.ASSIGNED
                                && a.variant().equals(runningOnly.assign(unit, Map.of()).variant());
                        if (!stopped && !running) {
                            wrong.add(unit + " -> " + a);
                        }
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        };
        Thread[] readers = {new Thread(reader), new Thread(reader)};
        for (Thread t : readers) {
            t.start();
        }
        readersStarted.await();
        for (int i = 1; i <= 200_000; i++) {
            ControlState state = i % 2 == 0 ? ControlState.STOPPED : ControlState.RUNNING;
            assertTrue(router.apply(new ControlRecord("exp", state, Map.of(), "flip", Instant.ofEpochMilli(i))));
        }
        writerDone.countDown();
        for (Thread t : readers) {
            t.join(30_000);
        }
        assertEquals(null, failure.get());
        assertTrue(roundsDuringWrites.get() > 2, "readers overlapped the writer for " + roundsDuringWrites + " rounds");
        assertEquals(Set.of(), wrong);
        assertEquals(Assignment.Reason.STOPPED, router.assign("unit-1", Map.of()).reason());
    }
}
