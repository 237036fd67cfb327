package io.abtest.stats.fixed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;
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

/**
 * A reference grid under {@code src/test/resources/stats/fixed/}, written by {@code make_references.py} there:
 * '#' comment lines naming the script and the calls, a header, then one row per case with the two variants'
 * summaries ({@code c_n, c_meanY, ...}, {@code t_n, ...}), alpha and the expected values ("nan" = null).
 */
record ReferenceTable(List<Row> rows) {

    record Row(String name, Map<String, Double> values) {

        double get(String column) {
            Double v = values.get(column);
            if (v == null) {
                throw new IllegalArgumentException("no column " + column + " in case " + name);
            }
            return v;
        }

        /** Null where the reference holds nan (the value is undefined and the Java field must be null). */
        Double expected(String column) {
            double v = get(column);
            return Double.isNaN(v) ? null : v;
        }

        SufficientStatistics control() {
            return summary("c_");
        }

        SufficientStatistics treatment() {
            return summary("t_");
        }

        double alpha() {
            return get("alpha");
        }

        private SufficientStatistics summary(String prefix) {
            return SufficientStatistics.of((long) get(prefix + "n"), get(prefix + "meanY"), get(prefix + "meanD"),
                    get(prefix + "meanC"), get(prefix + "cYY"), get(prefix + "cDD"), get(prefix + "cCC"),
                    get(prefix + "cYD"), get(prefix + "cYC"), get(prefix + "cDC"));
        }

        /**
         * Checks the columns every grid has: the effect and its SE (closed forms), and the statistic, p-value and
         * intervals, which depend on the reference distribution's tail and quantile ({@code tailTolerance}).
         */
        void assertMatches(FixedHorizonResult result, double tailTolerance) {
            assertEquals(TestStatus.OK, result.status(), name + ": " + result.detail());
            Close.assertClose(expected("difference"), result.estimate().difference(), Close.CLOSED_FORM,
                    name + " difference");
            Close.assertClose(expected("se"), result.estimate().differenceStandardError(), Close.CLOSED_FORM,
                    name + " se");
            Close.assertClose(expected("relative"), result.estimate().relative(), Close.CLOSED_FORM,
                    name + " relative");
            Close.assertClose(expected("relative_se"), result.estimate().relativeStandardError(), Close.CLOSED_FORM,
                    name + " relative_se");
            Close.assertClose(expected("statistic"), result.statistic(), Close.CLOSED_FORM, name + " statistic");
            Close.assertClose(expected("p"), result.pValue(), tailTolerance, name + " p");
            Close.assertClose(expected("ci_low"), result.absoluteInterval().low(), tailTolerance, name + " ci_low");
            Close.assertClose(expected("ci_high"), result.absoluteInterval().high(), tailTolerance, name + " ci_high");
            if (expected("rel_low") == null) {
                assertNull(result.relativeInterval(), name + " relative interval");
            } else {
                Close.assertClose(expected("rel_low"), result.relativeInterval().low(), tailTolerance,
                        name + " rel_low");
                Close.assertClose(expected("rel_high"), result.relativeInterval().high(), tailTolerance,
                        name + " rel_high");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static ReferenceTable load(String file) {
        String path = "/stats/fixed/" + file;
        try (InputStream in = ReferenceTable.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String[] header = null;
            List<Row> rows = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, Double> values = new HashMap<>();
                for (int i = 1; i < cells.length; i++) {
                    values.put(header[i], Double.parseDouble(cells[i].replace("nan", "NaN")));
                }
                rows.add(new Row(cells[0], values));
            }
            return new ReferenceTable(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
