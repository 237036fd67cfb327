package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The keyed state of the Alertmanager notifier for one label set: the alert Alertmanager should hold, and where its
 * delivery stands. A Flink POJO (a record of records, enums, strings and numbers), serialized without Kryo.
 *
 * @param incident the latest change of the incident: OPEN while firing, RESOLVED while the resolution is re-sent
 * @param resolvedAt processing time at which the resolution arrived; 0 while firing
 * @param attempt the token of the latest attempt, to match its outcome; 0 when nothing has been sent
 * @param retries failed attempts in a row, for the backoff
 * @param lastSentAt processing time of the latest attempt
 * @param timer processing time of the one timer this label set has registered
 */
public record ActiveAlert(GuardrailIncident incident, long resolvedAt, long attempt, int retries, long lastSentAt,
        long timer) {

    public static final TypeInformation<ActiveAlert> TYPE = TypeInformation.of(ActiveAlert.class);

    static ActiveAlert firing(GuardrailIncident incident) {
        return new ActiveAlert(incident, 0, 0, 0, 0, 0);
    }

    static ActiveAlert resolved(GuardrailIncident incident, long now) {
        return new ActiveAlert(incident, now, 0, 0, 0, 0);
    }

    boolean isFiring() {
        return incident.state() == GuardrailIncident.State.OPEN;
    }

    boolean isSameIncident(GuardrailIncident other) {
        return incident.incidentId().equals(other.incidentId());
    }

    ActiveAlert sent(long token, long now, long nextTimer) {
        return new ActiveAlert(incident, resolvedAt, token, retries, now, nextTimer);
    }

    ActiveAlert withRetries(int newRetries) {
        return new ActiveAlert(incident, resolvedAt, attempt, newRetries, lastSentAt, timer);
    }

    ActiveAlert withTimer(long newTimer) {
        return new ActiveAlert(incident, resolvedAt, attempt, retries, lastSentAt, newTimer);
    }
}
