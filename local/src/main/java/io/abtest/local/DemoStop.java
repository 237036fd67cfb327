package io.abtest.local;

import io.abtest.config.ExperimentConfig;
import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.control.ControlTopicListener;
import io.abtest.router.Assignment;
import io.abtest.router.ExperimentRouter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The router side of the automatic stop, as serving code runs it: an {@link ExperimentRouter} fed by a real
 * {@link ControlTopicListener} on the demo's broker. It starts before the job; afterwards the demo checks that the
 * STOPPED record the job wrote reached it and that every unit is then routed to the control.
 */
final class DemoStop implements AutoCloseable {

    static final int UNITS_ROUTED = 10_000;
    private static final Duration WAIT_FOR_RECORD = Duration.ofSeconds(20);

    private final ExperimentRouter router;
    private final ControlTopicListener listener;

    private DemoStop(ExperimentRouter router, ControlTopicListener listener) {
        this.router = router;
        this.listener = listener;
    }

    static DemoStop start(ExperimentConfig config, String bootstrapServers) {
        ExperimentRouter router = new ExperimentRouter(config);
        Properties consumer = new Properties();
        consumer.put("bootstrap.servers", bootstrapServers);
        consumer.put("group.id", "abtest-demo-router");
        ControlTopicListener listener = new ControlTopicListener(consumer, router::apply);
        listener.start();
        return new DemoStop(router, listener);
    }

    /** The control record the router applied last, after waiting a little for a STOPPED one to arrive. */
    Optional<ControlRecord> awaitStopped() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_FOR_RECORD.toNanos();
        while (System.nanoTime() < deadline && router.lastControlRecord()
                .map(r -> r.state() != ControlState.STOPPED).orElse(true)) {
            Thread.sleep(100);
        }
        return router.lastControlRecord();
    }

    /** Routes fresh units and counts them per variant (the control's name for every one, once stopped). */
    Map<String, Integer> route(PrintStream out) {
        Map<String, Integer> byVariant = new TreeMap<>();
        Map<Assignment.Reason, Integer> byReason = new TreeMap<>();
        for (int u = 0; u < UNITS_ROUTED; u++) {
            Assignment assignment = router.assign("demo-unit-after-stop-" + u, Map.of("country", "US"));
            byVariant.merge(String.valueOf(assignment.variant()), 1, Integer::sum);
            byReason.merge(assignment.reason(), 1, Integer::sum);
        }
        out.printf("  the router now sends %,d new units to %s (reasons %s)%n", UNITS_ROUTED, byVariant, byReason);
        return byVariant;
    }

    @Override
    public void close() {
        listener.close();
    }
}
