package io.abtest.jobs.analysis.validate;

import io.abtest.jobs.analysis.ExperimentCatalog;
import java.time.Duration;
import java.util.Map;

/**
 * Two experiments with different attribution windows and allowed lateness, so that tests can tell which one an
 * operator applied: {@code ranker} (variants champion/challenger, window 1 h, lateness 10 min) and {@code search}
 * (baseline/bert, window 2 h, lateness 30 min, the catalog's largest).
 */
public final class TestCatalog {

    public static final String RANKER = "ranker";
    public static final String SEARCH = "search";

    public static final Duration RANKER_WINDOW = Duration.ofHours(1);
    public static final Duration RANKER_LATENESS = Duration.ofMinutes(10);
    public static final Duration SEARCH_WINDOW = Duration.ofHours(2);
    public static final Duration SEARCH_LATENESS = Duration.ofMinutes(30);

    public static final ExperimentCatalog CATALOG = ExperimentCatalog.of(Map.of(
            "ranker.yaml", experiment(RANKER, "champion", "challenger", "1h", "10m"),
            "search.yaml", experiment(SEARCH, "baseline", "bert", "2h", "30m")));

    private TestCatalog() {}

    private static String experiment(String id, String control, String treatment, String window, String lateness) {
        return """
                experiment_id: %s
                hash_salt: %s-salt
                variants:
                  - name: %s
                    weight: 1
                    control: true
                  - name: %s
                    weight: 1
                metrics:
                  - name: converted
                    kind: proportion
                    source: values.converted
                    direction: higher_is_better
                    primary: true
                minimum_detectable_effect: 0.05
                attribution_window: %s
                allowed_lateness: %s
                """.formatted(id, id, control, treatment, window, lateness);
    }
}
