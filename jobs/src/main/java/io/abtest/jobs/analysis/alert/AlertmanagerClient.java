package io.abtest.jobs.analysis.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notifier's HTTP side: every alert goes to every configured Alertmanager (an HA pair gets both posts and
 * deduplicates between its peers, as with Prometheus), through one {@link AlertmanagerEndpoint} each, on
 * {@link HttpClient#sendAsync} with its own daemon threads. Used from the operator's thread only; the outcomes come
 * back through the endpoints' concurrent maps. It holds nothing that must survive a restart: the notifier's keyed
 * state does, and an attempt this client has not seen reads as {@link Delivery#NOT_SENT}.
 */
final class AlertmanagerClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Where an attempt stands across all Alertmanagers. */
    enum Delivery {
        /** Not submitted by this client (after a restore): send it. */
        NOT_SENT,
        /** Some Alertmanager has not answered yet. */
        IN_FLIGHT,
        /** Every Alertmanager answered, and some failed: retry. */
        FAILED,
        /** Every Alertmanager took it, or rejected it for good. */
        DONE
    }

    private static final AtomicInteger CLIENTS = new AtomicInteger();
    /** How long closing waits for alerts already sent to be answered. */
    static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

    private final ExecutorService executor;
    private final List<AlertmanagerEndpoint> endpoints;
    private final Map<String, Long> submitted = new HashMap<>();
    private long lastToken;

    AlertmanagerClient(List<URI> alertmanagers, AlertmanagerMetrics metrics) {
        int client = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "alertmanager-client-" + client + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(executor)
                .build();
        endpoints = alertmanagers.stream().map(url -> new AlertmanagerEndpoint(url, http, metrics)).toList();
    }

    /** Queues the alert for every Alertmanager and returns its attempt token. */
    long submit(String key, byte[] alert) {
        long token = ++lastToken;
        submitted.put(key, token);
        for (AlertmanagerEndpoint endpoint : endpoints) {
            endpoint.submit(key, token, alert);
        }
        return token;
    }

    Delivery delivery(String key, long attempt) {
        Long last = submitted.get(key);
        if (last == null || last != attempt) {
            return Delivery.NOT_SENT;
        }
        boolean failed = false;
        for (AlertmanagerEndpoint endpoint : endpoints) {
            AlertmanagerEndpoint.Outcome outcome = endpoint.outcome(key);
            if (outcome == null || outcome.attempt() < attempt) {
                return Delivery.IN_FLIGHT;
            }
            failed |= outcome.result() == AlertmanagerEndpoint.Result.FAILED;
        }
        return failed ? Delivery.FAILED : Delivery.DONE;
    }

    void forget(String key) {
        submitted.remove(key);
        endpoints.forEach(endpoint -> endpoint.forget(key));
    }

    @Override
    public void close() {
        endpoints.forEach(endpoint -> endpoint.close(CLOSE_DRAIN));
        executor.shutdownNow();
    }
}
