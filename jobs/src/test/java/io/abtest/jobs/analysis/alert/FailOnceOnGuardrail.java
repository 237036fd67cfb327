package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes incidents through, but throws once per test JVM when an incident of the given guardrail arrives, so that
 * Flink restarts the job from its latest checkpoint; counts completed checkpoints for the test to wait on.
 */
final class FailOnceOnGuardrail implements MapFunction<GuardrailIncident, GuardrailIncident>, CheckpointListener {

    private static final long serialVersionUID = 1L;

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger CHECKPOINTS = new AtomicInteger();

    private final String guardrail;

    FailOnceOnGuardrail(String guardrail) {
        this.guardrail = guardrail;
    }

    @Override
    public GuardrailIncident map(GuardrailIncident incident) {
        if (incident.guardrail().equals(guardrail) && FAILED.compareAndSet(false, true)) {
            throw new IllegalStateException("injected failure on " + incident.incidentId());
        }
        return incident;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTS.incrementAndGet();
    }
}
