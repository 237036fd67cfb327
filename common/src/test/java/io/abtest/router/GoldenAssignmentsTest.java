package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The router against {@code router/golden-assignments.csv}, written by an independent implementation of the
 * documented recipe (Python's xxhash, see {@code golden_assignments.py} beside it). A change of hash, seed,
 * position mapping or lane layout breaks this test, as it would break every running experiment.
 */
class GoldenAssignmentsTest {

    static List<String[]> goldenRows() throws IOException {
        try (InputStream in = GoldenAssignmentsTest.class.getResourceAsStream("/router/golden-assignments.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.startsWith("unit_id,"))
                    .map(l -> l.split(","))
                    .toList();
        }
    }

    @Test
    void everyGoldenUnitGetsItsPinnedPositionAndVariant() throws IOException {
        List<String[]> rows = goldenRows();
        assertEquals(10_000, rows.size());
        UnitHash hash = new UnitHash("golden-salt-2026");
        ExperimentRouter router = new ExperimentRouter(Experiments.split("golden", "golden-salt-2026", 34, 33, 33));
        for (String[] row : rows) {
            assertEquals(Double.parseDouble(row[1]), hash.position(row[0]), 0.0, row[0]);
            assertEquals(row[2], router.assign(row[0], Map.of()).variant(), row[0]);
        }
    }
}
