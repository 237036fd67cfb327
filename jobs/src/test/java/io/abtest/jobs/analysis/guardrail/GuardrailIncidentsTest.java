package io.abtest.jobs.analysis.guardrail;

import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.CATALOG;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.ERRORS;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.LATENCY;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.LATENESS;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.T0;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.WINDOW;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.end;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.judgment;
import static io.abtest.jobs.analysis.guardrail.GuardrailFixtures.windows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailIncident.State;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.records.GuardrailRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The incident operators (JudgedWindows, JudgmentEventTime, the CEP operators of the two runs, IncidentLifecycle) in
 * Flink's operator test harnesses, wired as the job wires them ({@link IncidentChain}). {@code latency-p99} opens
 * after 3 breaches in a row and resolves after 2 healthy windows in a row; {@code error-rate} opens on 1 breach and
 * resolves after 3 ({@link GuardrailFixtures}).
 *
 * <p>Checked to fail: with {@code times(length)} changed to {@code times(max(1, length - 1))} the N - 1 and M - 1
 * tests fail; with {@code NOT_JUDGED} windows let through {@link JudgedWindows}, the not-judged and out-of-order
 * tests fail; with {@link JudgmentEventTime} stamping {@code windowEnd - 1} (no clamping), the CEP operators drop the
 * judgments as late (the allowed lateness is longer than a window) and every test fails.
 */
class GuardrailIncidentsTest {

    private static final String OPEN = GuardrailRow.OPEN;
    private static final String RESOLVED = GuardrailRow.RESOLVED;

    private static IncidentChain chain() throws Exception {
        return new IncidentChain(CATALOG, LATENESS);
    }

    private static String latencyId(int openingWindow) {
        return "exp/challenger/latency-p99/" + Instant.ofEpochMilli(end(openingWindow));
    }

    /** window index, incident id, incident state of each row. */
    private static List<String> summary(List<GuardrailRow> rows) {
        return rows.stream().map(row -> (row.windowStart() - T0) / WINDOW + " " + row.incidentId() + " "
                + row.incidentState()).toList();
    }

    @Test
    void twoBreachesInARowDoNotOpenAnIncidentThreeDo() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BBH BB"));
            assertEquals(List.of(), chain.incidents());
            assertEquals(List.of("0 null null", "1 null null", "3 null null", "4 null null"), summary(chain.rows()));

            chain.judgeAsWindowsClose(List.of(judgment(LATENCY, "challenger", 5, Verdict.BREACH)));

            GuardrailIncident opened = chain.incidents().get(0);
            assertEquals(1, chain.incidents().size());
            assertEquals(latencyId(5), opened.incidentId());
            assertEquals(State.OPEN, opened.state());
            assertEquals(end(5), opened.openedAt());
            assertEquals(end(5), opened.at());
            assertEquals(305.0, opened.observed());
            assertEquals(250.0, opened.threshold());
            assertEquals(1005, opened.events());
            assertEquals("critical", opened.severity());
            assertEquals("stop", opened.action());
            assertTrue(opened.stops());
            assertEquals(3, opened.consecutiveBreaches());
            assertEquals("PT1M", opened.window());

            GuardrailRow opening = chain.rows().get(4);
            assertEquals(new GuardrailRow("exp", "challenger", LATENCY, "latency_p99", T0 + 5 * WINDOW, end(5), 305.0,
                    250.0, 1005, "critical", "stop", latencyId(5), OPEN), opening);
        }
    }

    @Test
    void oneHealthyWindowDoesNotResolveTwoInARowDo() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BBB H B H"));
            assertEquals(1, chain.incidents().size(), "one healthy window, then a breach: still open");
            assertEquals(1, chain.metrics().count(IncidentLifecycle.INCIDENTS_OPENED));
            assertEquals(0, chain.metrics().count(IncidentLifecycle.INCIDENTS_RESOLVED));
            assertEquals(List.of("0 null null", "1 null null", "2 " + latencyId(2) + " open",
                    "4 " + latencyId(2) + " null"), summary(chain.rows()));

            chain.judgeAsWindowsClose(List.of(judgment(LATENCY, "challenger", 6, Verdict.HEALTHY)));

            assertEquals(2, chain.incidents().size());
            assertEquals(1, chain.metrics().count(IncidentLifecycle.INCIDENTS_OPENED));
            assertEquals(1, chain.metrics().count(IncidentLifecycle.INCIDENTS_RESOLVED));
            GuardrailIncident resolved = chain.incidents().get(1);
            assertEquals(State.RESOLVED, resolved.state());
            assertEquals(latencyId(2), resolved.incidentId());
            assertEquals(end(2), resolved.openedAt());
            assertEquals(end(6), resolved.at());
            assertEquals(206.0, resolved.observed());
            assertEquals(new GuardrailRow("exp", "challenger", LATENCY, "latency_p99", T0 + 6 * WINDOW, end(6), 206.0,
                    250.0, 1006, "critical", "stop", latencyId(2), RESOLVED), chain.rows().get(4));
            assertEquals(0, chain.lifecycleStateEntries(), "nothing kept once resolved");
            assertEquals(0, chain.lifecycleTimers());
        }
    }

    @Test
    void recoveryWindowsAreCountedPerGuardrail() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(ERRORS, "B HH"));
            assertEquals(List.of(State.OPEN), chain.incidents().stream().map(GuardrailIncident::state).toList(),
                    "error-rate opens on one breach and needs three healthy windows");
            chain.judgeAsWindowsClose(List.of(judgment(ERRORS, "challenger", 3, Verdict.HEALTHY)));
            assertEquals(List.of(State.OPEN, State.RESOLVED),
                    chain.incidents().stream().map(GuardrailIncident::state).toList());
            assertEquals(end(3), chain.incidents().get(1).at());
            assertEquals("warning", chain.incidents().get(1).severity());
            assertEquals(1, chain.incidents().get(1).consecutiveBreaches());
        }
    }

    @Test
    void windowsNotJudgedNeitherBreachNorHealNorBreakARun() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "B N B N N B  H N H"));

            assertEquals(List.of("0 null null", "2 null null", "5 " + latencyId(5) + " open",
                    "8 " + latencyId(5) + " resolved"), summary(chain.rows()));
            assertEquals(List.of(State.OPEN, State.RESOLVED),
                    chain.incidents().stream().map(GuardrailIncident::state).toList());
            assertEquals(4, chain.metrics().count(JudgedWindows.NOT_JUDGED_WINDOWS));
        }
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "N N N N"));
            assertEquals(List.of(), chain.rows(), "windows not judged are no breaches");
        }
    }

    @Test
    void aHealthyWindowInsideARunOfBreachesStartsTheCountAgain() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BB H BB H BBB"));
            assertEquals(1, chain.incidents().size());
            assertEquals(latencyId(8), chain.incidents().get(0).incidentId());
        }
    }

    @Test
    void aSecondIncidentAfterRecoveryGetsItsOwnId() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BBB HH BB H BBB B HH"));

            assertEquals(List.of(latencyId(2) + " OPEN", latencyId(2) + " RESOLVED", latencyId(10) + " OPEN",
                    latencyId(10) + " RESOLVED"),
                    chain.incidents().stream().map(i -> i.incidentId() + " " + i.state()).toList());
            assertEquals("exp/challenger/latency-p99/2025-11-24T16:03:00Z", latencyId(2));
            assertEquals("exp/challenger/latency-p99/2025-11-24T16:11:00Z", latencyId(10));
            assertEquals(List.of("0 null null", "1 null null", "2 " + latencyId(2) + " open",
                    "4 " + latencyId(2) + " resolved", "5 null null", "6 null null", "8 null null",
                    "9 null null", "10 " + latencyId(10) + " open", "11 " + latencyId(10) + " null",
                    "13 " + latencyId(10) + " resolved"), summary(chain.rows()));
            assertEquals(2, chain.metrics().count(IncidentLifecycle.INCIDENTS_OPENED));
            assertEquals(2, chain.metrics().count(IncidentLifecycle.INCIDENTS_RESOLVED));
        }
    }

    @Test
    void runsLongerThanTheThresholdDoNotOpenASecondIncident() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BBBBBBBBB"));
            assertEquals(1, chain.incidents().size());
            assertEquals(1, chain.rows().stream().filter(row -> OPEN.equals(row.incidentState())).count());
            assertEquals(7, chain.rows().stream().filter(row -> latencyId(2).equals(row.incidentId())).count());
            assertEquals(1, chain.metrics().count(IncidentLifecycle.INCIDENTS_OPENED), "one incident, however long");
            assertEquals(0, chain.metrics().count(IncidentLifecycle.INCIDENTS_RESOLVED));
        }
    }

    @Test
    void outOfOrderWindowsGiveWhatInOrderWindowsGive() throws Exception {
        List<GuardrailJudgment> judgments = new ArrayList<>();
        judgments.addAll(windows(LATENCY, "challenger", "BBB HBH N H BB N B BBB HHH BBB"));
        judgments.addAll(windows(LATENCY, "champion", "HH BBB N BBBB HH"));
        judgments.addAll(windows(ERRORS, "challenger", "B HH N H BHHB HHH"));
        List<GuardrailRow> inOrderRows;
        List<GuardrailIncident> inOrderIncidents;
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(judgments.stream()
                    .sorted(Comparator.comparingLong(GuardrailJudgment::windowEnd)).toList());
            inOrderRows = chain.rows();
            inOrderIncidents = chain.incidents();
        }
        assertEquals(5 + 2 + 4, inOrderIncidents.size(), "opened at 2, 11, 20 and resolved at 7, 16 (challenger"
                + " latency); opened at 4, resolved at 11 (champion); opened at 0, 5, resolved at 4, 11 (errors)");

        for (long seed = 1; seed <= 20; seed++) {
            List<GuardrailJudgment> shuffled = new ArrayList<>(judgments);
            Collections.shuffle(shuffled, new Random(seed));
            try (IncidentChain chain = chain()) {
                chain.judgeAll(shuffled);
                assertEquals(List.of(), chain.rows(), "nothing is applied before the watermark");
                chain.watermark(end(20) + LATENESS);

                assertEquals(sorted(inOrderRows), sorted(chain.rows()), "seed " + seed);
                assertEquals(sortedIncidents(inOrderIncidents), sortedIncidents(chain.incidents()), "seed " + seed);
                assertEquals(0, chain.metrics().count(JudgmentEventTime.BEHIND_WATERMARK));
            }
        }
    }

    @Test
    void theSameJudgmentsTwiceGiveTheSameIds() throws Exception {
        List<GuardrailJudgment> judgments = windows(LATENCY, "BBB HH BBB B HH BBB");
        List<GuardrailRow> first;
        List<GuardrailIncident> firstIncidents;
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(judgments);
            first = chain.rows();
            firstIncidents = chain.incidents();
        }
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(judgments);
            assertEquals(first, chain.rows());
            assertEquals(firstIncidents, chain.incidents());
        }
        assertEquals(List.of(latencyId(2), latencyId(2), latencyId(7), latencyId(7), latencyId(13)),
                firstIncidents.stream().map(GuardrailIncident::incidentId).toList());
    }

    @Test
    void anIncidentRestoredFromACheckpointGoesOnAsAnUninterruptedOne() throws Exception {
        List<GuardrailJudgment> judgments = windows(LATENCY, "B H BB B B H B HH");
        List<GuardrailRow> uninterrupted;
        List<GuardrailIncident> uninterruptedIncidents;
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(judgments);
            uninterrupted = chain.rows();
            uninterruptedIncidents = chain.incidents();
        }
        assertEquals(List.of("0 null null", "2 null null", "3 null null", "4 " + latencyId(4) + " open",
                "5 " + latencyId(4) + " null", "7 " + latencyId(4) + " null", "9 " + latencyId(4) + " resolved"),
                summary(uninterrupted));

        List<GuardrailRow> rows = new ArrayList<>();
        List<GuardrailIncident> incidents = new ArrayList<>();
        IncidentChain.Snapshot snapshot;
        try (IncidentChain first = chain()) {
            first.judgeAsWindowsClose(judgments.subList(0, 4));
            first.judge(judgments.get(4), judgments.get(4).windowEnd() - 1);
            snapshot = first.snapshot(1);
            rows.addAll(first.rows());
            incidents.addAll(first.incidents());
            assertEquals(0, first.metrics().count(IncidentLifecycle.INCIDENTS_OPENED));
        }
        try (IncidentChain restored = new IncidentChain(CATALOG, LATENESS, snapshot)) {
            restored.watermark(end(4) + LATENESS);
            restored.judgeAsWindowsClose(judgments.subList(5, judgments.size()));
            rows.addAll(restored.rows());
            incidents.addAll(restored.incidents());
            assertEquals(1, restored.metrics().count(IncidentLifecycle.INCIDENTS_OPENED),
                    "counted by the run that opened it");
            assertEquals(1, restored.metrics().count(IncidentLifecycle.INCIDENTS_RESOLVED));
        }
        assertEquals(uninterrupted, rows, "the third breach of the run was in flight: buffered by CEP and the lifecycle");
        assertEquals(uninterruptedIncidents, incidents);
    }

    @Test
    void aJudgmentEmittedAfterItsWindowClosedIsAppliedInArrivalOrderAndCounted() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.watermark(end(5) + LATENESS);
            chain.judge(judgment(LATENCY, "challenger", 0, Verdict.BREACH), end(5) + LATENESS);
            chain.watermark(end(5) + LATENESS + 1);

            assertEquals(1, chain.metrics().count(JudgmentEventTime.BEHIND_WATERMARK));
            assertEquals(List.of("0 null null"), summary(chain.rows()));
            assertEquals(List.of(end(5) + LATENESS + 1), chain.rowTimestamps());
        }
    }

    @Test
    void rowsCarryTheClosingTimeOfTheirWindow() throws Exception {
        try (IncidentChain chain = chain()) {
            chain.judgeAsWindowsClose(windows(LATENCY, "BBB HH"));
            assertEquals(List.of(end(0) + LATENESS, end(1) + LATENESS, end(2) + LATENESS, end(4) + LATENESS),
                    chain.rowTimestamps());
        }
    }

    private static List<String> sorted(List<GuardrailRow> rows) {
        return rows.stream().map(GuardrailRow::toString).sorted().toList();
    }

    private static List<String> sortedIncidents(List<GuardrailIncident> incidents) {
        return incidents.stream().map(GuardrailIncident::toString).sorted().toList();
    }
}
