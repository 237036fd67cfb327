package io.abtest.jobs.analysis.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert in the shape Alertmanager's {@code POST /api/v2/alerts} takes (its {@code postableAlert}; CONTRACT.md
 * section 3). The label set is the alert's identity: Alertmanager fingerprints, groups and deduplicates by it.
 *
 * @param labels identity and routing; sorted by name
 * @param annotations information that is not identity; sorted by name
 * @param startsAt when the condition began
 * @param endsAt when it ended (resolved), or until when it holds unless re-sent (firing); null when unknown
 * @param generatorUrl the link back to what produced the alert ({@code generatorURL} in JSON)
 */
public record Alert(SortedMap<String, String> labels, SortedMap<String, String> annotations, Instant startsAt,
        Instant endsAt, String generatorUrl) {

    public Alert {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
    }

    public static Alert of(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
            Instant endsAt, String generatorUrl) {
        return new Alert(new TreeMap<>(labels), new TreeMap<>(annotations), startsAt, endsAt, generatorUrl);
    }

    public Alert withEndsAt(Instant newEndsAt) {
        return new Alert(labels, annotations, startsAt, newEndsAt, generatorUrl);
    }
}
