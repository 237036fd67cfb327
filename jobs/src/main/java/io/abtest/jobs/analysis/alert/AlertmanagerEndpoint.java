package io.abtest.jobs.analysis.alert;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Alertmanager: {@code POST <url>/api/v2/alerts} with a JSON array of at most {@value #MAX_BATCH} alerts, one
 * request at a time, as Prometheus' notifier queue does. Alerts submitted while a request is in flight wait, the
 * newest per label set replacing an older one, and go in the next request: so Alertmanager always receives an alert's
 * changes in order (a firing re-send can never overtake the resolution it preceded), and a dead Alertmanager costs
 * one queued alert per label set, never a growing queue. Nothing here blocks the caller.
 *
 * <p>Each request's outcome is recorded per label set and attempt token for the notifier to read on its timers.
 */
final class AlertmanagerEndpoint {

    static final int MAX_BATCH = 64;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerEndpoint.class);
    private static final int LOGGED_BODY = 500;

    enum Result { DELIVERED, FAILED, REJECTED }

    record Outcome(long attempt, Result result) {}

    private record Submission(String key, long attempt, byte[] alert) {}

    private final URI alertsUri;
    private final HttpClient http;
    private final AlertmanagerMetrics metrics;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    private final Map<String, Submission> queued = new LinkedHashMap<>();
    private boolean posting;
    private boolean closed;
    private volatile boolean failing;

    AlertmanagerEndpoint(URI url, HttpClient http, AlertmanagerMetrics metrics) {
        this.alertsUri = alertsUri(url);
        this.http = http;
        this.metrics = metrics;
    }

    /** {@code <url>/api/v2/alerts}; a path in the URL is kept as a prefix (Prometheus' {@code path_prefix}). */
    static URI alertsUri(URI url) {
        String base = url.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v2/alerts");
    }

    URI alertsUri() {
        return alertsUri;
    }

    void submit(String key, long attempt, byte[] alert) {
        List<Submission> batch;
        synchronized (this) {
            if (closed) {
                return;
            }
            queued.remove(key);
            queued.put(key, new Submission(key, attempt, alert));
            if (posting) {
                return;
            }
            posting = true;
            batch = nextBatch();
        }
        post(batch);
    }

    /** The outcome of the latest answered attempt for a label set, or null. */
    Outcome outcome(String key) {
        return outcomes.get(key);
    }

    void forget(String key) {
        outcomes.remove(key);
    }

    /**
     * Stops taking alerts, after waiting up to {@code drain} for the queued and in-flight ones to be answered, so a
     * job that ends (a bounded run, a cancel) still delivers what it has just sent.
     */
    synchronized void close(Duration drain) {
        long deadline = System.nanoTime() + drain.toNanos();
        try {
            while (posting && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        queued.clear();
    }

    private List<Submission> nextBatch() {
        List<Submission> batch = new ArrayList<>(Math.min(queued.size(), MAX_BATCH));
        Iterator<Submission> waiting = queued.values().iterator();
        while (waiting.hasNext() && batch.size() < MAX_BATCH) {
            batch.add(waiting.next());
            waiting.remove();
        }
        return batch;
    }

    private void post(List<Submission> batch) {
        try {
            HttpRequest request = HttpRequest.newBuilder(alertsUri)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "abtest-analysis")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(array(batch)))
                    .build();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> completed(batch, response, error));
        } catch (RuntimeException e) {
            completed(batch, null, e);
        }
    }

    private void completed(List<Submission> batch, HttpResponse<String> response, Throwable error) {
        try {
            Result result = record(batch, response, error);
            log(batch, result, response, error);
        } catch (RuntimeException e) {
            LOG.error("Alertmanager {}: could not record the outcome of a request", alertsUri, e);
        }
        List<Submission> next;
        synchronized (this) {
            if (closed || queued.isEmpty()) {
                posting = false;
                notifyAll();
                return;
            }
            next = nextBatch();
        }
        post(next);
    }

    private Result record(List<Submission> batch, HttpResponse<String> response, Throwable error) {
        Result result = error != null ? Result.FAILED : result(response.statusCode());
        for (Submission submission : batch) {
            outcomes.merge(submission.key(), new Outcome(submission.attempt(), result),
                    (older, newer) -> newer.attempt() >= older.attempt() ? newer : older);
        }
        switch (result) {
            case DELIVERED -> metrics.alertsSent.inc(batch.size());
            case FAILED -> metrics.sendFailures.inc(batch.size());
            case REJECTED -> metrics.alertsRejected.inc(batch.size());
        }
        return result;
    }

    /** 2xx delivered; 429 and 5xx retried (Alertmanager overloaded or failing); any other status is final. */
    static Result result(int status) {
        if (status >= 200 && status < 300) {
            return Result.DELIVERED;
        }
        return status == 429 || status >= 500 ? Result.FAILED : Result.REJECTED;
    }

    private void log(List<Submission> batch, Result result, HttpResponse<String> response, Throwable error) {
        switch (result) {
            case DELIVERED -> {
                if (failing) {
                    failing = false;
                    LOG.info("Alertmanager {} took alerts again", alertsUri);
                }
            }
            case FAILED -> {
                String cause = error != null ? describe(error) : "HTTP " + response.statusCode() + " " + body(response);
                if (!failing) {
                    failing = true;
                    LOG.warn("Alertmanager {}: {} alert(s) not delivered ({}); retrying with backoff, logged again "
                            + "when it takes alerts", alertsUri, batch.size(), cause);
                } else {
                    LOG.debug("Alertmanager {}: {} alert(s) not delivered ({})", alertsUri, batch.size(), cause);
                }
            }
            case REJECTED -> LOG.warn("Alertmanager {} rejected {} alert(s), dropped: HTTP {} {}", alertsUri,
                    batch.size(), response.statusCode(), body(response));
        }
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static String body(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body().strip();
        return body.length() <= LOGGED_BODY ? body : body.substring(0, LOGGED_BODY) + "...";
    }

    private static byte[] array(List<Submission> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(batch.get(i).alert());
        }
        body.write(']');
        return body.toByteArray();
    }
}
