package io.abtest.jobs.analysis.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.records.GuardrailRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rules written as a plain loop, sharing no code with the operators: per experiment, variant and
 * guardrail, judged windows in window order; {@code consecutive_breaches} breaches in a row (windows not judged
 * skipped) open an incident when none is open, {@code recovery_windows} healthy ones in a row resolve it.
 *
 * @param rows the {@code guardrails/} rows
 * @param incidents openings and resolutions
 */
record ReferenceIncidents(List<GuardrailRow> rows, List<GuardrailIncident> incidents) {

    static ReferenceIncidents of(List<GuardrailJudgment> judgments, ConfiguredGuardrails guardrails) {
        List<GuardrailRow> rows = new ArrayList<>();
        List<GuardrailIncident> incidents = new ArrayList<>();
        Map<String, List<GuardrailJudgment>> byKey = judgments.stream()
                .collect(Collectors.groupingBy(GuardrailJudgment::incidentKey, TreeMap::new, Collectors.toList()));
        for (List<GuardrailJudgment> windows : byKey.values()) {
            windows.sort(Comparator.comparingLong(GuardrailJudgment::windowEnd));
            int breaches = 0;
            int healthy = 0;
            Long openedAt = null;
            for (GuardrailJudgment window : windows) {
                GuardrailSpec spec = guardrails.spec(window);
                if (window.verdict() == Verdict.NOT_JUDGED) {
                    continue;
                }
                if (window.verdict() == Verdict.BREACH) {
                    breaches++;
                    healthy = 0;
                    String state = null;
                    if (openedAt == null && breaches == spec.consecutiveBreaches()) {
                        openedAt = window.windowEnd();
                        state = GuardrailRow.OPEN;
                        incidents.add(incident(window, spec, openedAt, GuardrailIncident.State.OPEN));
                    }
                    rows.add(row(window, spec, openedAt == null ? null : id(window, openedAt), state));
                } else {
                    healthy++;
                    breaches = 0;
                    if (openedAt != null && healthy == spec.recoveryWindows()) {
                        rows.add(row(window, spec, id(window, openedAt), GuardrailRow.RESOLVED));
                        incidents.add(incident(window, spec, openedAt, GuardrailIncident.State.RESOLVED));
                        openedAt = null;
                    }
                }
            }
        }
        return new ReferenceIncidents(rows, incidents);
    }

    private static String id(GuardrailJudgment window, long openedAt) {
        return window.experimentId() + "/" + window.variant() + "/" + window.guardrail() + "/"
                + Instant.ofEpochMilli(openedAt);
    }

    private static GuardrailRow row(GuardrailJudgment w, GuardrailSpec spec, String id, String state) {
        return new GuardrailRow(w.experimentId(), w.variant(), w.guardrail(), w.metric(), w.windowStart(),
                w.windowEnd(), w.observed(), w.threshold(), w.events(),
                spec.severity().name().toLowerCase(Locale.ROOT), spec.action().name().toLowerCase(Locale.ROOT), id,
                state);
    }

    private static GuardrailIncident incident(GuardrailJudgment w, GuardrailSpec spec, long openedAt,
            GuardrailIncident.State state) {
        return new GuardrailIncident(w.experimentId(), w.variant(), w.guardrail(), w.metric(), id(w, openedAt), state,
                openedAt, w.windowEnd(), w.observed(), w.threshold(), w.events(),
                spec.severity().name().toLowerCase(Locale.ROOT), spec.action().name().toLowerCase(Locale.ROOT),
                spec.consecutiveBreaches(), spec.window().toString());
    }
}
