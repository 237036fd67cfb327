package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.StopSignal;
import io.abtest.jobs.analysis.results.ResultRows;
import io.abtest.stats.decision.Decision;
import io.abtest.stats.decision.GuardrailBreach;
import io.abtest.stats.decision.RolloutDecision;
import java.time.Instant;

/**
 * The two ways an experiment's stopped state changes, as {@link StopSignal}s: an opened incident of a guardrail
 * whose action is stop, and a record on the control topic (STOPPED stops; RUNNING and ROLLED_OUT, written by a
 * person, resume).
 */
public final class StopSignals {

    private StopSignals() {}

    /** The stop an opened stop incident causes, with the STOP decision naming the guardrail and its numbers. */
    public static StopSignal of(GuardrailIncident incident, ExperimentCatalog catalog) {
        GuardrailSpec spec = catalog.config(incident.experimentId()).guardrails().stream()
                .filter(g -> g.name().equals(incident.guardrail())).findFirst().orElseThrow();
        GuardrailBreach breach = new GuardrailBreach(incident.variant(), incident.guardrail(),
                incident.observed() == null ? Double.NaN : incident.observed(),
                incident.threshold() == null ? spec.threshold() : incident.threshold(), spec);
        Decision decision = RolloutDecision.stop(breach, "incident " + incident.incidentId() + " opened at "
                + Instant.ofEpochMilli(incident.openedAt()) + "; the job wrote STOPPED to ab.control");
        return new StopSignal(incident.experimentId(), incident.openedAt(), true,
                ResultRows.of(incident.experimentId(), decision, incident.openedAt(), null));
    }

    /** The signal of a control record: STOPPED stops, RUNNING and ROLLED_OUT resume. */
    public static StopSignal of(ControlRecord record) {
        long at = record.updatedAt().toEpochMilli();
        if (record.state() != ControlState.STOPPED) {
            return new StopSignal(record.experimentId(), at, false, null);
        }
        String reason = record.reason() == null ? "no reason given" : record.reason();
        DecisionRow stop = new DecisionRow(record.experimentId(), at, "STOP", null, 2,
                "stopped by a STOPPED record on ab.control (" + reason + ")",
                "Every unit is on the control.\nTo resume, write RUNNING to ab.control (key the experiment id, a"
                        + " newer updated_at); the decisions stay STOP until the job reads it.", null);
        return new StopSignal(record.experimentId(), at, true, stop);
    }
}
