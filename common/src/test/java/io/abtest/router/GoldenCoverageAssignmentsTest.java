package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router at coverages 0.01, 0.1 and 0.5 against {@code router/golden-coverage-assignments.csv}, written by an
 * independent implementation of the documented recipe (reference XXH3, see {@code golden_coverage_assignments.py}
 * beside it). Same salt, weights and units as {@code golden-assignments.csv}; '-' is NOT_IN_EXPERIMENT. A change of
 * the coverage hash's seed or of the covered test breaks this test, as it would break every running experiment.
 */
class GoldenCoverageAssignmentsTest {

    private static final double[] COVERAGES = {0.01, 0.1, 0.5};

    @Test
    void everyGoldenUnitIsCoveredAndAssignedAsPinned() throws IOException {
        List<String[]> rows;
        try (InputStream in = getClass().getResourceAsStream("/router/golden-coverage-assignments.csv")) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("unit_id,"))
                    .map(l -> l.split(","))
                    .toList();
        }
        assertEquals(10_000, rows.size());
        UnitHash coverageHash = new UnitHash("golden-salt-2026" + ExperimentRouter.COVERAGE_SALT_SUFFIX);
        UnitHash splitHash = new UnitHash("golden-salt-2026");
        ExperimentRouter[] routers = new ExperimentRouter[COVERAGES.length];
        for (int c = 0; c < COVERAGES.length; c++) {
            routers[c] = new ExperimentRouter(Experiments.covered("golden", "golden-salt-2026", COVERAGES[c], 34, 33, 33));
        }
        int[] covered = new int[COVERAGES.length];
        for (String[] row : rows) {
            assertEquals(Double.parseDouble(row[1]), coverageHash.position(row[0]), 0.0, row[0]);
            assertEquals(Double.parseDouble(row[2]), splitHash.position(row[0]), 0.0, row[0]);
            for (int c = 0; c < COVERAGES.length; c++) {
                Assignment a = routers[c].assign(row[0], Map.of());
                if (row[3 + c].equals("-")) {
                    assertEquals(Assignment.Reason.NOT_IN_EXPERIMENT, a.reason(), row[0] + " at " + COVERAGES[c]);
                } else {
                    assertEquals(Assignment.Reason.ASSIGNED, a.reason(), row[0] + " at " + COVERAGES[c]);
                    assertEquals(row[3 + c], a.variant(), row[0] + " at " + COVERAGES[c]);
                    covered[c]++;
                }
            }
        }
        assertEquals(101, covered[0]);
        assertEquals(1012, covered[1]);
        assertEquals(5012, covered[2]);
    }
}
