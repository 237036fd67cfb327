package io.abtest.jobs.analysis.records;

/**
 * An incident of one guardrail on one variant that opened or resolved: what alerts, the automatic stop and the
 * decisions act on.
 *
 * @param experimentId the experiment
 * @param variant the variant
 * @param guardrail the guardrail's name
 * @param metric the metric it watches
 * @param incidentId stable: the same events give the same id in a replay (experiment, variant, guardrail and the
 *     end of the window that opened it)
 * @param state OPEN or RESOLVED
 * @param openedAt event time at which it opened: the end of the window that completed the run of breaches
 * @param at event time of this change: {@code openedAt} when it opens, the end of the window that completed the
 *     recovery when it resolves
 * @param observed the value of the window of this change
 * @param threshold the absolute value it was judged against
 * @param events served predictions of the variant in that window
 * @param severity info, warning or critical
 * @param action alert or stop
 * @param consecutiveBreaches the configured run of breaches that opens an incident
 * @param window the guardrail's window, as configured (e.g. PT5M)
 */
public record GuardrailIncident(
        String experimentId,
        String variant,
        String guardrail,
        String metric,
        String incidentId,
        State state,
        long openedAt,
        long at,
        Double observed,
        Double threshold,
        long events,
        String severity,
        String action,
        int consecutiveBreaches,
        String window) {

    public enum State { OPEN, RESOLVED }

    public boolean stops() {
        return state == State.OPEN && "stop".equals(action);
    }
}
