package io.abtest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The harness's arithmetic only: the harness itself is run by hand (ALERT-LATENCY section of the README). */
class AlertLatencyReportTest {

    private static double[] oneTo(int n) {
        return IntStream.rangeClosed(1, n).asDoubleStream().toArray();
    }

    @Test
    void nearestRankPercentiles() {
        assertEquals(15, AlertLatencyReport.percentile(oneTo(30), 50));
        assertEquals(30, AlertLatencyReport.percentile(oneTo(30), 99), "below 100 values the p99 is the maximum");
        assertEquals(50, AlertLatencyReport.percentile(oneTo(100), 50));
        assertEquals(99, AlertLatencyReport.percentile(oneTo(100), 99));
        assertEquals(100, AlertLatencyReport.percentile(oneTo(100), 100));
        assertEquals(198, AlertLatencyReport.percentile(oneTo(200), 99));
        assertEquals(7, AlertLatencyReport.percentile(new double[] {7}, 50));
        assertEquals(7, AlertLatencyReport.percentile(new double[] {7}, 99));
        assertEquals(1, AlertLatencyReport.percentile(new double[] {1, 2}, 50));
        assertTrue(Double.isNaN(AlertLatencyReport.percentile(new double[0], 50)));
        assertThrows(IllegalArgumentException.class, () -> AlertLatencyReport.percentile(oneTo(3), 0));
        assertThrows(IllegalArgumentException.class, () -> AlertLatencyReport.percentile(new double[] {2, 1}, 50));
    }

    @Test
    void statsLeaveOutStagesThatCouldNotBePlaced() {
        List<AlertLatencyReport.Incident> incidents = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            incidents.add(incident(100.0 * i, i == 3 ? Double.NaN : 5));
        }
        AlertLatencyReport.Stats total = AlertLatencyReport.Stats.of(incidents, AlertLatencyReport.Incident::totalMs);
        assertEquals(new AlertLatencyReport.Stats(20, 1000, 2000, 2000), total);
        AlertLatencyReport.Stats door = AlertLatencyReport.Stats.of(incidents, i -> i.stageMs(7));
        assertEquals(19, door.n());
        assertEquals(5, door.p99());
    }

    @Test
    void theVerdictNeedsTwentyIncidentsNoneMissingAndAP99UnderFiveSeconds() {
        List<AlertLatencyReport.Incident> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(incident(600, 2));
        }
        assertEquals(List.of(), AlertLatencyReport.problems(twenty, 0));

        List<String> tooFew = AlertLatencyReport.problems(twenty.subList(0, 19), 0);
        assertEquals(1, tooFew.size());
        assertTrue(tooFew.get(0).startsWith("only 19 incidents were measured; at least 20"), tooFew.get(0));

        List<String> missing = AlertLatencyReport.problems(twenty, 2);
        assertEquals(List.of("2 scheduled incident(s) never reached Alertmanager: their latency is unbounded"),
                missing);

        List<AlertLatencyReport.Incident> slow = new ArrayList<>(twenty);
        slow.set(7, incident(AlertLatencyReport.TARGET.toMillis(), 2));
        assertEquals(List.of("p99 5000 ms is not under the target of 5000 ms"), AlertLatencyReport.problems(slow, 0));
        slow.set(7, incident(AlertLatencyReport.TARGET.toMillis() - 0.5, 2));
        assertEquals(List.of(), AlertLatencyReport.problems(slow, 0));
    }

    @Test
    void theTableHasOneRowPerStage() {
        String table = AlertLatencyReport.table(List.of(incident(600, 2), incident(800, 3)));
        assertEquals(AlertLatencyReport.STAGES.size() + 5, table.lines().count(), table);
        assertTrue(table.contains("8. -> Alertmanager answers 200"), table);
        assertTrue(table.matches("(?s).*\\n  TOTAL[^\\n]*\\s2\\s+600\\.0\\s+800\\.0\\s+800\\.0\\n.*"), table);
        assertTrue(table.matches("(?s).*answers 200\\s+2\\s+2\\.0\\s+3\\.0\\s+3\\.0\\n.*"), table);
    }

    @Test
    void faultsAreAlignedToTheGuardrailWindowAndEachOpensOneIncident() {
        AlertLatencyOptions options = AlertLatencyOptions.parse(List.of("--incidents", "3", "--guardrail-window",
                "2s", "--fault-windows", "2", "--healthy-windows", "1"));
        AlertLatencyExperiment plan = new AlertLatencyExperiment(options, Instant.parse("2026-11-29T10:00:01.500Z"));
        assertEquals(Instant.parse("2026-11-29T10:00:02Z"), plan.start());
        assertEquals(5 + 3 * 3 + 2, plan.windows());
        assertEquals(Duration.ofSeconds(2 * 16), plan.duration());
        long start = plan.start().toEpochMilli();
        assertEquals(List.of(start + 12_000, start + 18_000, start + 24_000), plan.expectedIncidentEnds());
        assertEquals(Duration.ofSeconds(10), plan.faults().get(0).from());
        assertEquals(Duration.ofSeconds(14), plan.faults().get(0).to());
        assertTrue(AlertLatencyExperiment.yaml(options).contains("window: 2000ms"));
        var guardrail = AlertLatencyExperiment.catalog(options).config(AlertLatencyExperiment.ID).guardrails().get(0);
        assertEquals(Duration.ofSeconds(2), guardrail.window());
        assertEquals(1, guardrail.consecutiveBreaches());
        assertEquals(1, guardrail.recoveryWindows());
        assertEquals(3840, plan.traffic().units(), "300 predictions/s per variant for 32 s, 5 requests per unit");
        assertEquals(3, plan.traffic().latencyFaults().size());
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlertLatencyOptions.parse(
                List.of("--incidents", "0", "--guardrail-window", "100ms", "--resend-interval", "500ms", "--seed",
                        "x", "--colour", "red")));
        assertTrue(e.getMessage().contains("--incidents: must be a whole number in [1, 1000], got 0"), e.getMessage());
        assertTrue(e.getMessage().contains("--guardrail-window: must be a duration of at least 500 ms"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--resend-interval: must be a duration of at least 1000 ms"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--seed: must be a whole number, got x"), e.getMessage());
        assertTrue(e.getMessage().contains("--colour: unknown argument"), e.getMessage());
    }

    private static AlertLatencyReport.Incident incident(double totalMs, double doorToAnsweredMs) {
        return new AlertLatencyReport.Incident(Instant.EPOCH, List.of(150.0, 0.0, 200.0, 100.0, 100.0, 0.0, 3.0,
                doorToAnsweredMs), totalMs, 1, 100, 180);
    }

    @Test
    void anIncidentHasEveryStage() {
        assertThrows(IllegalArgumentException.class, () -> new AlertLatencyReport.Incident(Instant.EPOCH,
                List.of(1.0), 1, 1, 1, 1));
    }
}
