package io.abtest.jobs.analysis.alert;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts guardrail incidents to Alertmanager as Prometheus posts its alerts, keyed by {@link AlertKeys#labelSetKey}
 * (one alert per label set, as a Prometheus rule keeps one per label set).
 *
 * <p>Lifecycle ({@link ResendPolicy}, all processing time): an OPEN incident is sent at once and re-sent every
 * resend interval with {@code endsAt} = now + 4 intervals; a RESOLVED one replaces it, is sent at once with
 * {@code endsAt} = its resolution time (event time, as in the {@code ab.alerts} record: Alertmanager resolves an
 * alert whose {@code endsAt} has passed on its clock, which is at once for a job that runs on time or behind it),
 * re-sent every interval for 5 minutes and until delivered, then forgotten. A replayed change (same incident, same
 * state) sends nothing new, a resolution older than the incident held is ignored, and a new incident of the label set
 * replaces a resolved one.
 *
 * <p>Delivery: sending only queues the alert on the {@link AlertmanagerClient}; the outcome is read on the label
 * set's single timer, {@link ResendPolicy#retryDelay} after each attempt. A failed attempt (connection error,
 * timeout, 429, 5xx at any Alertmanager) is re-sent to all of them, with exponential backoff; a rejected one (other
 * 4xx) is logged, counted and dropped; nothing is thrown into the job. The alert, its attempt count and its timer are
 * keyed state: after a restore the next timer finds an attempt the new client never made, and sends it.
 *
 * <p>Metrics: {@code alerts_sent}, {@code alert_send_failures}, {@code alerts_rejected}, {@code alert_retries}
 * ({@link AlertmanagerMetrics}).
 */
public final class AlertmanagerNotifier extends KeyedProcessFunction<String, GuardrailIncident, Void> {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerNotifier.class);

    public static final String UID = "alertmanager-notifier";
    public static final String NAME = "Alerts to Alertmanager";

    private final List<URI> alertmanagers;
    private final ResendPolicy policy;
    private final AlertTemplate template;

    private transient ValueState<ActiveAlert> active;
    private transient AlertmanagerMetrics metrics;
    private transient AlertmanagerClient client;

    /** @param alertmanagers base URLs, e.g. {@code http://alertmanager:9093}; at least one */
    public AlertmanagerNotifier(List<URI> alertmanagers, ResendPolicy policy, AlertTemplate template) {
        if (alertmanagers.isEmpty()) {
            throw new IllegalArgumentException("at least one Alertmanager URL is needed");
        }
        this.alertmanagers = List.copyOf(alertmanagers);
        this.policy = policy;
        this.template = template;
    }

    @Override
    public void open(OpenContext openContext) {
        active = getRuntimeContext().getState(new ValueStateDescriptor<>("active-alert", ActiveAlert.TYPE));
        metrics = new AlertmanagerMetrics(getRuntimeContext().getMetricGroup());
        client = new AlertmanagerClient(alertmanagers, metrics);
        LOG.info("Posting guardrail alerts to {} every {}", alertmanagers, policy.resendInterval());
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    @Override
    public void processElement(GuardrailIncident incident, Context ctx, Collector<Void> out) throws Exception {
        ActiveAlert current = active.value();
        ActiveAlert next = change(current, incident, ctx.timerService().currentProcessingTime());
        if (next == null) {
            return;
        }
        if (current != null) {
            ctx.timerService().deleteProcessingTimeTimer(current.timer());
        }
        send(next, ctx.getCurrentKey(), ctx.timerService());
    }

    /** The alert to hold after an incident change, or null when the change is a replay or stale. */
    static ActiveAlert change(ActiveAlert current, GuardrailIncident incident, long now) {
        boolean same = current != null && current.isSameIncident(incident);
        if (incident.state() == GuardrailIncident.State.OPEN) {
            return same ? null : ActiveAlert.firing(incident);
        }
        if (same && !current.isFiring()) {
            return null;
        }
        if (current != null && !same && incident.openedAt() < current.incident().openedAt()) {
            return null;
        }
        return ActiveAlert.resolved(incident, now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Void> out) throws Exception {
        ActiveAlert alert = active.value();
        if (alert == null || alert.timer() != timestamp) {
            return;
        }
        TimerService timers = ctx.timerService();
        long now = timers.currentProcessingTime();
        String key = ctx.getCurrentKey();
        switch (client.delivery(key, alert.attempt())) {
            case NOT_SENT -> send(alert, key, timers);
            case IN_FLIGHT -> schedule(alert.withTimer(now + policy.retryDelay(alert.retries())), timers);
            case FAILED -> {
                metrics.retries.inc();
                send(alert.withRetries(alert.retries() + 1), key, timers);
            }
            case DONE -> next(alert.withRetries(0), key, timers);
        }
    }

    private void next(ActiveAlert alert, String key, TimerService timers) throws Exception {
        long now = timers.currentProcessingTime();
        long due = alert.lastSentAt() + policy.resendInterval().toMillis();
        if (!alert.isFiring()) {
            long retentionEnd = alert.resolvedAt() + policy.resolvedRetention().toMillis();
            if (now >= retentionEnd) {
                active.clear();
                client.forget(key);
                return;
            }
            due = Math.min(due, retentionEnd);
        }
        if (now >= due) {
            send(alert, key, timers);
        } else {
            schedule(alert.withTimer(due), timers);
        }
    }

    private void send(ActiveAlert alert, String key, TimerService timers) throws Exception {
        long now = timers.currentProcessingTime();
        Alert body = template.alert(alert.incident());
        if (alert.isFiring()) {
            body = body.withEndsAt(Instant.ofEpochMilli(policy.leaseEnd(now, alert.incident().openedAt())));
        }
        long token = 0;
        try {
            token = client.submit(key, AlertJson.object(body));
        } catch (RuntimeException e) {
            LOG.error("Could not queue the alert of {} for Alertmanager; it is sent again on its next timer", key, e);
        }
        schedule(alert.sent(token, now, now + policy.retryDelay(alert.retries())), timers);
    }

    private void schedule(ActiveAlert alert, TimerService timers) throws Exception {
        active.update(alert);
        timers.registerProcessingTimeTimer(alert.timer());
    }
}
