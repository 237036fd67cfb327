package io.abtest.jobs.analysis;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an output dataset with DuckDB, an independent Parquet reader, as rows of column name to value. */
public final class DuckDbDatasets {

    private DuckDbDatasets() {}

    public static List<Map<String, Object>> read(Path root, String dataset, String orderBy) throws SQLException {
        String glob = root.resolve(dataset).toString().replace("'", "''") + "/**/*.parquet";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT * FROM read_parquet('" + glob + "') ORDER BY " + orderBy)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.put(meta.getColumnName(c), rows.getObject(c));
                }
                result.add(row);
            }
            return result;
        }
    }
}
