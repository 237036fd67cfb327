package io.abtest.jobs.analysis.alert;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The notifier's counters, in its operator's metric group. Each counts alerts per Alertmanager (an alert posted to
 * both of an HA pair counts twice). They are incremented on the HTTP client's threads, hence thread-safe counters.
 */
final class AlertmanagerMetrics {

    /** Alerts in posts that Alertmanager answered with 2xx. */
    static final String ALERTS_SENT = "alerts_sent";
    /** Alerts in posts that met a connection error, a timeout, a 429 or a 5xx: retried. */
    static final String SEND_FAILURES = "alert_send_failures";
    /** Alerts in posts that Alertmanager answered with another 4xx: logged and dropped, not retried. */
    static final String ALERTS_REJECTED = "alerts_rejected";
    /** Attempts that re-sent an alert after a failure. */
    static final String RETRIES = "alert_retries";

    final Counter alertsSent;
    final Counter sendFailures;
    final Counter alertsRejected;
    final Counter retries;

    AlertmanagerMetrics(MetricGroup group) {
        alertsSent = group.counter(ALERTS_SENT, new ThreadSafeSimpleCounter());
        sendFailures = group.counter(SEND_FAILURES, new ThreadSafeSimpleCounter());
        alertsRejected = group.counter(ALERTS_REJECTED, new ThreadSafeSimpleCounter());
        retries = group.counter(RETRIES, new ThreadSafeSimpleCounter());
    }
}
