package io.abtest.jobs.analysis.records;

/**
 * One row of {@code guardrails/} (CONTRACT.md section 2): a judged window that breached, or the end of an incident.
 *
 * @param experimentId the experiment
 * @param variant the variant that breached
 * @param guardrail the guardrail's name
 * @param metric the metric it watches
 * @param windowStart epoch milliseconds, inclusive
 * @param windowEnd epoch milliseconds, exclusive
 * @param observed the variant's value in the window
 * @param threshold the absolute value judged against
 * @param events served predictions of the variant in the window
 * @param severity info, warning or critical
 * @param action alert or stop
 * @param incidentId the incident this breach belongs to; null for a breach outside an incident
 * @param incidentState {@code open} on the row that opened the incident, {@code resolved} on the row that ended
 *     it (the healthy window that completed the recovery), otherwise null
 */
public record GuardrailRow(
        String experimentId,
        String variant,
        String guardrail,
        String metric,
        long windowStart,
        long windowEnd,
        Double observed,
        Double threshold,
        long events,
        String severity,
        String action,
        String incidentId,
        String incidentState) {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";
}
