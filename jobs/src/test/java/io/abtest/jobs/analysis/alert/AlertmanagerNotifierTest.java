package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.validate.MetricCapture;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier's schedule in processing time, driven through a keyed operator harness against scripted HTTP
 * endpoints. Each attempt's {@code endsAt} lease is its send time plus four intervals, so the leases in the posted
 * bodies are the schedule. Every step waits for the HTTP outcome (the counters) before the clock moves on.
 */
class AlertmanagerNotifierTest {

    /** Processing time at the start: the job runs ten minutes behind event time. */
    private static final long NOW = Incidents.OPENED + 600_000;
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final AlertTemplate TEMPLATE = new AlertTemplate(GeneratorUrl.of(GeneratorUrl.DEFAULT));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private MetricCapture metrics = new MetricCapture();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void sendsAFiringAlertAtOnceThenEveryResendIntervalLeasedForFourIntervals() throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering());
        var harness = harness(ResendPolicy.every(MINUTE), alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(1, 0, 0);
        harness.setProcessingTime(NOW + 1_000);
        harness.setProcessingTime(NOW + 59_999);
        harness.setProcessingTime(NOW + 60_000);
        awaitCounts(2, 0, 0);
        harness.setProcessingTime(NOW + 61_000);
        harness.setProcessingTime(NOW + 120_000);
        awaitCounts(3, 0, 0);

        settle();
        assertEquals(List.of(lease(NOW, MINUTE), lease(NOW + 60_000, MINUTE), lease(NOW + 120_000, MINUTE)),
                endsAts(alertmanager));
        for (JsonNode alert : alertmanager.alerts()) {
            assertEquals(firing(Incidents.latencyOpen(), alert.get("endsAt").asText()), alert);
        }
        assertEquals(1, harness.numProcessingTimeTimers());
        assertEquals(0, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void retries5xxAnd429WithExponentialBackoffCappedAtTheResendInterval() throws Exception {
        Duration interval = Duration.ofSeconds(10);
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering(503, 503, 503, 429,
                500));
        var harness = harness(ResendPolicy.every(interval), alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(0, 1, 0);
        long[][] steps = {{1_000, 0, 2}, {3_000, 0, 3}, {7_000, 0, 4}, {15_000, 0, 5}, {25_000, 1, 5}, {35_000, 2, 5}};
        for (long[] step : steps) {
            harness.setProcessingTime(NOW + step[0]);
            awaitCounts(step[1], step[2], 0);
        }

        settle();
        assertEquals(List.of(lease(NOW, interval), lease(NOW + 1_000, interval), lease(NOW + 3_000, interval),
                lease(NOW + 7_000, interval), lease(NOW + 15_000, interval), lease(NOW + 25_000, interval),
                lease(NOW + 35_000, interval)), endsAts(alertmanager));
        assertEquals(5, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void retriesConnectionErrorsUntilAlertmanagerIsBack() throws Exception {
        Duration interval = Duration.ofSeconds(10);
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.stopped());
        var harness = harness(ResendPolicy.every(interval), alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(0, 1, 0);
        harness.setProcessingTime(NOW + 1_000);
        awaitCounts(0, 2, 0);
        alertmanager.start();
        harness.setProcessingTime(NOW + 3_000);
        awaitCounts(1, 2, 0);

        settle();
        assertEquals(List.of(lease(NOW + 3_000, interval)), endsAts(alertmanager));
        assertEquals(2, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void dropsAnAlertRejectedWith4xxAndCountsIt() throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering(400));
        var harness = harness(ResendPolicy.every(MINUTE), alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(0, 0, 1);
        harness.setProcessingTime(NOW + 1_000);
        harness.setProcessingTime(NOW + 60_000);
        awaitCounts(1, 0, 1);

        settle();
        assertEquals(List.of(lease(NOW, MINUTE), lease(NOW + 60_000, MINUTE)), endsAts(alertmanager));
        assertEquals(0, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void sendsAResolvedAlertEndingAtItsResolutionForFiveMinutesThenForgetsIt() throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering());
        var harness = harness(ResendPolicy.every(MINUTE), alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(1, 0, 0);
        harness.setProcessingTime(NOW + 1_000);
        harness.setProcessingTime(NOW + 30_000);
        harness.processElement(new StreamRecord<>(Incidents.latencyResolved()));
        awaitCounts(2, 0, 0);
        assertEquals(1, harness.numProcessingTimeTimers());
        for (int resend = 1; resend <= 4; resend++) {
            harness.setProcessingTime(NOW + 30_000 + resend * 60_000L - 59_000);
            harness.setProcessingTime(NOW + 30_000 + resend * 60_000L);
            awaitCounts(2 + resend, 0, 0);
        }
        harness.setProcessingTime(NOW + 271_000);
        assertEquals(1, harness.numKeyedStateEntries());
        harness.setProcessingTime(NOW + 330_000);

        settle();
        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(0, harness.numProcessingTimeTimers());
        JsonNode resolved = alertJson(TEMPLATE.alert(Incidents.latencyResolved()));
        assertEquals(List.of(firing(Incidents.latencyOpen(), lease(NOW, MINUTE)), resolved, resolved, resolved,
                resolved, resolved), alertmanager.alerts());
        assertEquals("2026-11-27T11:00:00Z", resolved.get("endsAt").asText());
    }

    @Test
    void keepsAResolvedAlertPastItsRetentionUntilAnAlertmanagerTakesIt() throws Exception {
        ResendPolicy policy = new ResendPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1));
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.stopped());
        var harness = harness(policy, alertmanager.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyResolved()));
        awaitCounts(0, 1, 0);
        long failures = 1;
        for (long at : new long[] {1_000, 3_000, 7_000, 15_000, 25_000, 35_000}) {
            harness.setProcessingTime(NOW + at);
            awaitCounts(0, ++failures, 0);
        }
        assertEquals(1, harness.numKeyedStateEntries());
        alertmanager.start();
        harness.setProcessingTime(NOW + 45_000);
        awaitCounts(1, failures, 0);
        harness.setProcessingTime(NOW + 55_000);

        assertEquals(0, harness.numKeyedStateEntries());
        assertEquals(List.of(alertJson(TEMPLATE.alert(Incidents.latencyResolved()))), alertmanager.alerts());
    }

    @Test
    void aReplayedChangeSendsNothingAStaleResolutionIsIgnoredAndANewIncidentReplacesTheResolvedOne()
            throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering());
        var harness = harness(ResendPolicy.every(MINUTE), alertmanager.url());
        GuardrailIncident older = Incidents.open("ranker-v2", "errors", Incidents.OPENED - 3_600_000);
        GuardrailIncident open = Incidents.open("ranker-v2", "errors", Incidents.OPENED);
        GuardrailIncident resolved = Incidents.resolve(open, Incidents.RESOLVED);
        GuardrailIncident next = Incidents.open("ranker-v2", "errors", Incidents.RESOLVED + 600_000);

        harness.setProcessingTime(NOW);
        for (GuardrailIncident incident : List.of(open, open, Incidents.resolve(older, Incidents.OPENED - 60_000))) {
            harness.processElement(new StreamRecord<>(incident));
        }
        awaitCounts(1, 0, 0);
        for (GuardrailIncident incident : List.of(resolved, resolved, open)) {
            harness.processElement(new StreamRecord<>(incident));
        }
        awaitCounts(2, 0, 0);
        harness.processElement(new StreamRecord<>(next));
        awaitCounts(3, 0, 0);

        settle();
        assertEquals(List.of(firing(open, lease(NOW, MINUTE)), alertJson(TEMPLATE.alert(resolved)),
                firing(next, lease(Incidents.RESOLVED + 600_000, MINUTE))), alertmanager.alerts());
        assertEquals(1, harness.numKeyedStateEntries());
        assertEquals(1, harness.numProcessingTimeTimers());
    }

    @Test
    void anUndeliveredAlertSurvivesARestoreAndIsSentAtItsNextTimer() throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.stopped());
        var before = harness(ResendPolicy.every(MINUTE), alertmanager.url());
        before.setProcessingTime(NOW);
        before.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(0, 1, 0);
        OperatorSubtaskState snapshot = before.snapshot(1, NOW);
        before.close();

        alertmanager.start();
        metrics = new MetricCapture();
        var after = harness(ResendPolicy.every(MINUTE), snapshot, alertmanager.url());
        assertEquals(1, after.numKeyedStateEntries());
        after.setProcessingTime(NOW + 1_000);
        awaitCounts(1, 0, 0);

        settle();
        assertEquals(List.of(firing(Incidents.latencyOpen(), lease(NOW + 1_000, MINUTE))), alertmanager.alerts());
        assertEquals(0, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void postsToEveryAlertmanagerOfAnHaPairAndRetriesTheOneThatFailed() throws Exception {
        ScriptedAlertmanagerEndpoint first = endpoint(ScriptedAlertmanagerEndpoint.answering(503));
        ScriptedAlertmanagerEndpoint second = endpoint(ScriptedAlertmanagerEndpoint.answering());
        var harness = harness(ResendPolicy.every(MINUTE), first.url(), second.url());

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.latencyOpen()));
        awaitCounts(1, 1, 0);
        harness.setProcessingTime(NOW + 1_000);
        awaitCounts(3, 1, 0);

        settle();
        assertEquals(List.of(lease(NOW, MINUTE), lease(NOW + 1_000, MINUTE)), endsAts(first));
        assertEquals(List.of(lease(NOW, MINUTE), lease(NOW + 1_000, MINUTE)), endsAts(second));
        assertEquals(1, metrics.count(AlertmanagerMetrics.RETRIES));
    }

    @Test
    void alertsQueuedBehindARequestInFlightGoInOneArray() throws Exception {
        ScriptedAlertmanagerEndpoint alertmanager = endpoint(ScriptedAlertmanagerEndpoint.answering());
        var harness = harness(ResendPolicy.every(MINUTE), alertmanager.url());
        alertmanager.holdAnswers();

        harness.setProcessingTime(NOW);
        harness.processElement(new StreamRecord<>(Incidents.open("exp-0", "errors", Incidents.OPENED)));
        await(() -> alertmanager.posts().size() == 1);
        for (int i = 1; i < 5; i++) {
            harness.processElement(new StreamRecord<>(Incidents.open("exp-" + i, "errors", Incidents.OPENED)));
        }
        alertmanager.releaseAnswers();
        awaitCounts(5, 0, 0);

        settle();
        assertEquals(List.of(1, 4), alertmanager.posts().stream().map(JsonNode::size).toList());
    }

    private KeyedOneInputStreamOperatorTestHarness<String, GuardrailIncident, Void> harness(ResendPolicy policy,
            URI... alertmanagers) throws Exception {
        return harness(policy, null, alertmanagers);
    }

    private KeyedOneInputStreamOperatorTestHarness<String, GuardrailIncident, Void> harness(ResendPolicy policy,
            OperatorSubtaskState restored, URI... alertmanagers) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertmanagerNotifier(List.of(alertmanagers), policy, TEMPLATE)),
                AlertKeys::labelSetKey, Types.STRING, metrics.environment());
        KryoFallback.refuse(harness.getExecutionConfig());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        resources.add(0, harness::close);
        return harness;
    }

    private ScriptedAlertmanagerEndpoint endpoint(ScriptedAlertmanagerEndpoint endpoint) {
        resources.add(endpoint);
        return endpoint;
    }

    private void awaitCounts(long sent, long failures, long rejected) throws InterruptedException {
        try {
            await(() -> metrics.count(AlertmanagerMetrics.ALERTS_SENT) == sent
                    && metrics.count(AlertmanagerMetrics.SEND_FAILURES) == failures
                    && metrics.count(AlertmanagerMetrics.ALERTS_REJECTED) == rejected);
        } catch (AssertionError timedOut) {
            throw new AssertionError(String.format("expected sent %d, failures %d, rejected %d; got %d, %d, %d",
                    sent, failures, rejected, metrics.count(AlertmanagerMetrics.ALERTS_SENT),
                    metrics.count(AlertmanagerMetrics.SEND_FAILURES),
                    metrics.count(AlertmanagerMetrics.ALERTS_REJECTED)));
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 10 s");
            }
            Thread.sleep(5);
        }
    }

    /** Gives a post the notifier should not have made the time to arrive, so the final assertions would see it. */
    private static void settle() throws InterruptedException {
        Thread.sleep(200);
    }

    private static String lease(long sentAt, Duration interval) {
        return AlertJson.rfc3339(Instant.ofEpochMilli(sentAt + 4 * interval.toMillis()));
    }

    private static List<String> endsAts(ScriptedAlertmanagerEndpoint alertmanager) {
        return alertmanager.alerts().stream().map(alert -> alert.get("endsAt").asText()).toList();
    }

    private static JsonNode firing(GuardrailIncident incident, String endsAt) throws Exception {
        return alertJson(TEMPLATE.alert(incident).withEndsAt(Instant.parse(endsAt)));
    }

    private static JsonNode alertJson(Alert alert) throws Exception {
        return JSON.readTree(AlertJson.object(alert));
    }
}
