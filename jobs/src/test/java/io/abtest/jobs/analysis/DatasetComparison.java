package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Two output roots hold the same rows in the given datasets, read by DuckDB in a fixed order: equal counts, equal
 * values, doubles equal to 1e-9 relative (CONTRACT.md section 2: sums may be taken in another order).
 */
final class DatasetComparison {

    static final Map<String, String> ROW_ORDER = Map.of(
            "aggregates", "window_end, variant, metric, segment NULLS FIRST",
            "results", "as_of, metric, segment NULLS FIRST, treatment_variant",
            "decisions", "as_of",
            "guardrails", "window_end, variant, guardrail, incident_state NULLS FIRST",
            "operational", "window_end, variant, served");

    private DatasetComparison() {}

    /** Fails unless both roots hold the same rows; every dataset must have rows in {@code expected}. */
    static void assertSame(Path expected, Path actual, String... datasets) throws Exception {
        for (String dataset : datasets) {
            List<Map<String, Object>> want = DuckDbDatasets.read(expected, dataset, ROW_ORDER.get(dataset));
            List<Map<String, Object>> got = DuckDbDatasets.read(actual, dataset, ROW_ORDER.get(dataset));
            assertEquals(want.size(), got.size(), dataset + " row count");
            assertFalse(want.isEmpty(), dataset + " has rows");
            for (int i = 0; i < want.size(); i++) {
                for (Map.Entry<String, Object> column : want.get(i).entrySet()) {
                    Object e = column.getValue();
                    Object a = got.get(i).get(column.getKey());
                    String where = dataset + " row " + i + " column " + column.getKey() + ": expected row "
                            + want.get(i);
                    if (e instanceof Double x && a instanceof Double y) {
                        assertEquals(x, y, 1e-9 * Math.max(1, Math.abs(x)), where);
                    } else {
                        assertEquals(e, a, where);
                    }
                }
            }
        }
    }
}
