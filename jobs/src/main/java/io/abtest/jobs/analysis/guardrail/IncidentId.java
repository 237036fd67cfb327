package io.abtest.jobs.analysis.guardrail;

import java.time.Instant;

/**
 * The id of an incident: {@code <experiment>/<variant>/<guardrail>/<end of the window that opened it, ISO-8601 UTC>},
 * e.g. {@code ranker-v2/challenger/latency-p99/2026-11-29T10:05:00Z}. It depends only on events (nothing from the
 * wall clock or the order of arrival), so a replay or a batch rerun gives the same id, and alerts can use it to
 * de-duplicate. Unambiguous because configuration names cannot contain {@code /} (letters, digits, '.', '_', '-').
 */
public final class IncidentId {

    private IncidentId() {}

    public static String of(String experimentId, String variant, String guardrail, long openingWindowEnd) {
        return experimentId + '/' + variant + '/' + guardrail + '/' + Instant.ofEpochMilli(openingWindowEnd);
    }
}
