package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailIncident.State;
import java.time.Instant;

/** Guardrail incidents as the incident pattern emits them, for the alert tests. */
final class Incidents {

    static final long OPENED = Instant.parse("2026-11-27T10:15:00Z").toEpochMilli();
    static final long RESOLVED = Instant.parse("2026-11-27T11:00:00Z").toEpochMilli();

    private Incidents() {}

    /** latency-p99 of ranker-v2's challenger: 3 windows of 5 minutes over 250 ms; the job stops the experiment. */
    static GuardrailIncident latencyOpen() {
        return new GuardrailIncident("ranker-v2", "challenger", "latency-p99", "latency_p99",
                "ranker-v2/challenger/latency-p99/2026-11-27T10:15:00Z", State.OPEN, OPENED, OPENED, 312.5, 250.0,
                1234, "critical", "stop", 3, "PT5M");
    }

    static GuardrailIncident latencyResolved() {
        return new GuardrailIncident("ranker-v2", "challenger", "latency-p99", "latency_p99",
                "ranker-v2/challenger/latency-p99/2026-11-27T10:15:00Z", State.RESOLVED, OPENED, RESOLVED, 180.0,
                250.0, 1100, "critical", "stop", 3, "PT5M");
    }

    /** error-rate of ranker-v2's challenger: one 10-minute window over 2%; alert only. */
    static GuardrailIncident errorRateOpen() {
        return new GuardrailIncident("ranker-v2", "challenger", "error-rate", "error_rate",
                "ranker-v2/challenger/error-rate/2026-11-27T10:20:00Z", State.OPEN, OPENED + 300_000,
                OPENED + 300_000, 0.0312, 0.02, 5120, "warning", "alert", 1, "PT10M");
    }

    /** An incident of any experiment and guardrail, opened (event time) at {@code openedAt}. */
    static GuardrailIncident open(String experiment, String guardrail, long openedAt) {
        return new GuardrailIncident(experiment, "challenger", guardrail, "error_rate",
                experiment + "/challenger/" + guardrail + "/" + openedAt, State.OPEN, openedAt, openedAt, 0.05, 0.02,
                400, "critical", "alert", 2, "PT1M");
    }

    static GuardrailIncident resolve(GuardrailIncident open, long at) {
        return new GuardrailIncident(open.experimentId(), open.variant(), open.guardrail(), open.metric(),
                open.incidentId(), State.RESOLVED, open.openedAt(), at, 0.01, open.threshold(), 380,
                open.severity(), open.action(), open.consecutiveBreaches(), open.window());
    }
}
