package io.abtest.bench.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one of the benchmark's SQL files ({@code /job-bench/*.sql}) on DuckDB, its {@code ${name}} placeholders
 * filled in, and reads the rows as {@link UnitStatistic}s ({@code variant, metric, segment, n, mean_y, var_y,
 * mean_d}).
 */
final class UnitStatisticsQuery {

    static final String UNIT_STATISTICS = "/job-bench/unit-statistics.sql";
    static final String FINAL_AGGREGATES = "/job-bench/final-aggregates.sql";

    private UnitStatisticsQuery() {}

    static List<UnitStatistic> run(Connection duckdb, String resource, Map<String, String> parameters)
            throws SQLException {
        String sql = text(resource);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            sql = sql.replace("${" + parameter.getKey() + "}", parameter.getValue());
        }
        List<UnitStatistic> rows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement(); ResultSet r = statement.executeQuery(sql)) {
            while (r.next()) {
                double varY = r.getDouble("var_y");
                if (r.wasNull()) {
                    varY = Double.NaN;
                }
                rows.add(new UnitStatistic(r.getString("variant"), r.getString("metric"), r.getString("segment"),
                        r.getLong("n"), r.getDouble("mean_y"), varY, r.getDouble("mean_d")));
            }
        }
        return rows;
    }

    private static String text(String resource) {
        try (InputStream in = UnitStatisticsQuery.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
