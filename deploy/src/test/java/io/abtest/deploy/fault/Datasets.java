package io.abtest.deploy.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.abtest.jobs.analysis.DuckDbDatasets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The job's committed output datasets, read back with DuckDB and compared row by row, every column: counts and strings
 * equal, doubles to 1e-9 relative (CONTRACT.md section 2: runs over the same events agree to 1e-9). The one column
 * left out is {@code dead_letter.seen_at}, the wall-clock time the job rejected the record, which differs between
 * any two runs by design.
 */
final class Datasets {

    static final List<String> COMPARED = List.of("aggregates", "results", "decisions", "guardrails", "dead_letter",
            "operational");

    /** The columns that identify a row, as its sort order. */
    private static final Map<String, String> ROW_ORDER = Map.of(
            "aggregates", "window_end, variant, metric, segment NULLS FIRST",
            "results", "as_of, metric, segment NULLS FIRST, treatment_variant",
            "decisions", "as_of",
            "guardrails", "window_end, variant, guardrail, incident_state NULLS FIRST",
            "dead_letter", "source, reason, raw_text, detail",
            "operational", "window_end, variant, served");

    private static final Map<String, List<String>> RUN_DEPENDENT = Map.of("dead_letter", List.of("seen_at"));

    private Datasets() {}

    static List<Map<String, Object>> rows(Path output, String dataset) throws Exception {
        return DuckDbDatasets.read(output, dataset, ROW_ORDER.get(dataset), RUN_DEPENDENT.getOrDefault(dataset,
                List.of()));
    }

    /** Every dataset of {@link #COMPARED} holds the same rows in {@code actual} as in {@code expected}. */
    static void assertSame(Path expected, Path actual) throws Exception {
        assertSame(expected, actual, COMPARED, row -> true);
    }

    /** The rows {@code kept} selects of each of {@code datasets} are the same in {@code actual} as in {@code expected}. */
    static void assertSame(Path expected, Path actual, List<String> datasets, Predicate<Map<String, Object>> kept)
            throws Exception {
        for (String dataset : datasets) {
            assertSameRows(dataset, rows(expected, dataset).stream().filter(kept).toList(),
                    rows(actual, dataset).stream().filter(kept).toList());
        }
    }

    static void assertSameRows(String dataset, List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        assertFalse(expected.isEmpty(), dataset + " has rows");
        assertEquals(expected.size(), actual.size(), dataset + ": row count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).keySet(), actual.get(i).keySet(), dataset + ": columns");
            for (Map.Entry<String, Object> column : expected.get(i).entrySet()) {
                Object e = column.getValue();
                Object a = actual.get(i).get(column.getKey());
                String where = dataset + " row " + i + " column " + column.getKey() + " of " + expected.get(i)
                        + " against " + actual.get(i);
                if (e instanceof Double x && a instanceof Double y) {
                    assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), where);
                } else {
                    assertEquals(e, a, where);
                }
            }
        }
    }
}
