package io.abtest.bench.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One variant's statistics of one metric over its units, for a segment ({@code country=US}) or all units (null):
 * what the job's {@code aggregates/} hold and what DuckDB computes, so the two can be compared.
 *
 * @param n units with a value of the metric
 * @param meanY mean of the unit values (a ratio's numerators)
 * @param varY sample variance of the unit values (NaN below two units)
 * @param meanD mean of a ratio's denominators (1 for the other kinds)
 */
record UnitStatistic(String variant, String metric, String segment, long n, double meanY, double varY, double meanD) {

    /** variant, metric and segment: what identifies the row. */
    String key() {
        return variant + " " + metric + (segment == null ? "" : " " + segment);
    }

    static void writeCsv(Path file, List<UnitStatistic> rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("variant,metric,segment,n,mean_y,var_y,mean_d"));
        for (UnitStatistic r : rows) {
            lines.add(String.join(",", r.variant, r.metric, r.segment == null ? "" : r.segment, Long.toString(r.n),
                    Double.toString(r.meanY), Double.toString(r.varY), Double.toString(r.meanD)));
        }
        Files.write(file, lines);
    }

    static List<UnitStatistic> readCsv(Path file) throws IOException {
        List<UnitStatistic> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            rows.add(new UnitStatistic(f[0], f[1], f[2].isEmpty() ? null : f[2], Long.parseLong(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
        }
        return rows;
    }
}
