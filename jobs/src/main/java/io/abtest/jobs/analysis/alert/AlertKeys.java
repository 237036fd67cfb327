package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;

/**
 * The two keys of an incident's alert, both joined with {@code |}, which experiment ids, variant and guardrail names
 * cannot contain (letters, digits, {@code .}, {@code _}, {@code -}).
 */
public final class AlertKeys {

    private AlertKeys() {}

    /**
     * {@code experiment_id|variant|guardrail|incident_id}: the Kafka record key of {@code ab.alerts}. Every change of
     * one incident (open, resolved) has the same key, and a replay writes the same key with the same value, so a
     * consumer deduplicates by key and state.
     */
    public static String dedupKey(GuardrailIncident incident) {
        return labelSetKey(incident) + '|' + incident.incidentId();
    }

    /**
     * {@code experiment_id|variant|guardrail}: the alert's label set as Alertmanager identifies it (the other labels
     * follow from these). The Alertmanager notifier is keyed by it, as Prometheus keeps one alert per rule and label
     * set: a new incident of the same guardrail replaces the resolved one, so a late re-send of the old resolution
     * can never end the new incident in Alertmanager.
     */
    public static String labelSetKey(GuardrailIncident incident) {
        return incident.experimentId() + '|' + incident.variant() + '|' + incident.guardrail();
    }
}
