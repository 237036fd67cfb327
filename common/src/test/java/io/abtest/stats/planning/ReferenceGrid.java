package io.abtest.stats.planning;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A CSV grid of reference values under src/test/resources: '#' header lines, then a header row, then rows. */
final class ReferenceGrid {

    private ReferenceGrid() {
    }

    static List<Map<String, String>> read(String name) {
        try (InputStream in = ReferenceGrid.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] columns = null;
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (columns == null) {
                    columns = cells;
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < columns.length; i++) {
                    row.put(columns[i], cells[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Design design(Map<String, String> row) {
        Alternative alternative = row.get("alternative").equals("two-sided")
                ? Alternative.TWO_SIDED : Alternative.ONE_SIDED;
        return new Design(number(row, "alpha"), number(row, "power"), number(row, "ratio"), alternative);
    }

    static double number(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
