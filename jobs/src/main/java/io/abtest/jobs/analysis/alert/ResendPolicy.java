package io.abtest.jobs.analysis.alert;

import java.io.Serializable;
import java.time.Duration;

/**
 * When the Alertmanager notifier sends, after Prometheus' alert lifecycle ({@code rules/alerting.go},
 * {@code notifier/notifier.go}), all in processing time:
 * <ul>
 *   <li>a firing alert is re-sent every {@code resendInterval} (Prometheus' {@code resend_delay}) with
 *       {@code endsAt} = now + {@value #LEASE_INTERVALS} intervals (Prometheus' {@code ValidUntil}), so Alertmanager
 *       resolves it by itself if the job stops sending;</li>
 *   <li>a resolved alert is sent at once and re-sent every interval for {@code resolvedRetention} (5 minutes;
 *       Prometheus keeps resolved alerts 15 minutes), and in any case until every Alertmanager has taken it;</li>
 *   <li>an attempt that met a connection error, a timeout, a 429 or a 5xx is retried after {@code firstRetryDelay},
 *       then twice as long each time, never longer than the resend interval (Prometheus does not retry; Alertmanager's
 *       own notifiers back off exponentially).</li>
 * </ul>
 */
public record ResendPolicy(Duration resendInterval, Duration resolvedRetention, Duration firstRetryDelay)
        implements Serializable {

    public static final int LEASE_INTERVALS = 4;
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(5);
    public static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

    public ResendPolicy {
        for (Duration duration : new Duration[] {resendInterval, resolvedRetention, firstRetryDelay}) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + duration);
            }
        }
    }

    /** The policy of {@code --alert-resend-interval}: retention 5 minutes, first retry after 1 second. */
    public static ResendPolicy every(Duration resendInterval) {
        return new ResendPolicy(resendInterval, RESOLVED_RETENTION, FIRST_RETRY_DELAY);
    }

    /**
     * {@code endsAt} of a firing alert sent at {@code now}. Counted from {@code startsAt} when that is later (event
     * time ahead of the wall clock), because Alertmanager rejects an alert that ends before it starts.
     */
    public long leaseEnd(long now, long startsAt) {
        return Math.max(now, startsAt) + LEASE_INTERVALS * resendInterval.toMillis();
    }

    /** How long after an attempt that followed {@code retries} failed ones the notifier looks at its outcome. */
    public long retryDelay(int retries) {
        long interval = resendInterval.toMillis();
        long delay = firstRetryDelay.toMillis();
        for (int i = 0; i < retries && delay < interval; i++) {
            delay *= 2;
        }
        return Math.min(delay, interval);
    }
}
