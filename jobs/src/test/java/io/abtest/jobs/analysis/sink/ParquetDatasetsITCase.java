package io.abtest.jobs.analysis.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.KryoFallback;
import io.abtest.jobs.analysis.records.AggregateRow;
import io.abtest.jobs.analysis.records.DeadLetter;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.jobs.analysis.records.GuardrailRow;
import io.abtest.jobs.analysis.records.OperationalRow;
import io.abtest.jobs.analysis.records.ResultRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes rows of every output dataset from a streaming job with checkpointing on, then reads the committed files
 * with DuckDB, which shares no code with the writer: every column's name, Parquet repetition (nullability), logical
 * type and value, nulls included, and the flat {@code <root>/<dataset>/*.parquet} layout.
 *
 * <p>Checked to fail: with the part suffix removed from {@link ParquetDatasets} the file-name test fails and the
 * glob finds no file; with {@code mean_c} made optional the aggregates column test fails.
 */
class ParquetDatasetsITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long T0 = 1_764_000_000_000L;
    private static final long MINUTE = 60_000L;

    static final List<AggregateRow> AGGREGATES = List.of(
            new AggregateRow("exp-1", "control", "converted", null, T0, T0 + MINUTE, 120, 300, 7,
                    0.125, 1.0, 0.0, 13.125, 0.0, 0.0, 0.0, 0.0, 0.0),
            new AggregateRow("exp-1", "treatment", "revenue", "country=US", T0 + MINUTE, T0 + 2 * MINUTE, 98, 250, 0,
                    3.75, 1.5, 0.25, 812.5, 4.25, 1.75, -2.5, 0.5, 1.0E-300));

    static final List<ResultRow> RESULTS = List.of(
            new ResultRow("exp-1", T0 + MINUTE, "converted", null, "control", "treatment", 120, 0.125, 98, 0.15,
                    0.025, -0.01, 0.06, 0.2, -0.08, 0.48, 0.042, 0.084, 0.31, 0.62, -0.05, 0.1, -0.4, 0.8, 0.97,
                    3, "OK", null),
            new ResultRow("exp-1", T0 + 2 * MINUTE, "revenue", "country=US", "control", "treatment", 3, null, 0,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0,
                    "NOT_ENOUGH_DATA", "treatment has no units"));

    static final List<DecisionRow> DECISIONS = List.of(
            new DecisionRow("exp-1", T0 + MINUTE, "ROLLOUT", "treatment", 4,
                    "treatment lifts converted by 20% (p = 0.042)", "ramp treatment to 100%\nannounce", 0.97),
            new DecisionRow("exp-2", T0 + 2 * MINUTE, "INCONCLUSIVE", null, 9, "not enough data", "", null));

    static final List<DeadLetter> DEAD_LETTERS = List.of(
            new DeadLetter("ab.predictions", "MISSING_FIELD", "event_id", "required field is absent or null",
                    "{\"variant\":\"a\"}", false, T0 + 5),
            new DeadLetter("file:/data/p.parquet", "MALFORMED_JSON", null, "Unexpected end-of-input", "{\"ev",
                    true, T0 + 6));

    static final List<OperationalRow> OPERATIONAL = List.of(
            new OperationalRow("exp-1", "treatment", true, T0, T0 + MINUTE, 400, 4, 2, 0.01, 0.005, 21.5, 48.25,
                    97.125, 1_250.0, 0, null, null),
            new OperationalRow("exp-1", "treatment", false, T0, T0 + MINUTE, 0, 0, 0, null, null, null, null, null,
                    null, 3, -0.125, 0.5));

    static final List<GuardrailRow> GUARDRAILS = List.of(
            new GuardrailRow("exp-1", "treatment", "latency-p99", "latency_p99", T0, T0 + MINUTE, 312.5, 250.0, 400,
                    "critical", "stop", null, null),
            new GuardrailRow("exp-1", "treatment", "latency-p99", "latency_p99", T0 + MINUTE, T0 + 2 * MINUTE, 275.25,
                    250.0, 410, "critical", "stop", "exp-1/treatment/latency-p99/2025-11-24T16:02:00Z",
                    GuardrailRow.OPEN),
            new GuardrailRow("exp-1", "treatment", "latency-p99", "latency_p99", T0 + 3 * MINUTE, T0 + 4 * MINUTE,
                    180.0, 250.0, 390, "critical", "stop", "exp-1/treatment/latency-p99/2025-11-24T16:02:00Z",
                    GuardrailRow.RESOLVED));

    /** The datasets this test writes: every one of {@link ParquetDataset#all()}. */
    static final List<ParquetDataset<?>> WRITTEN = ParquetDataset.all();

    @TempDir
    static Path outputRoot;

    @BeforeAll
    static void writeEveryDatasetFromAStreamingJobWithCheckpoints() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        KryoFallback.refuse(env);
        env.enableCheckpointing(100);
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(outputRoot.toUri());
        ParquetDatasets.write(env.fromData(AGGREGATES, TypeInformation.of(AggregateRow.class)), root,
                ParquetDataset.AGGREGATES);
        ParquetDatasets.write(env.fromData(RESULTS, TypeInformation.of(ResultRow.class)), root,
                ParquetDataset.RESULTS);
        ParquetDatasets.write(env.fromData(DECISIONS, TypeInformation.of(DecisionRow.class)), root,
                ParquetDataset.DECISIONS);
        ParquetDatasets.write(env.fromData(DEAD_LETTERS, TypeInformation.of(DeadLetter.class)), root,
                ParquetDataset.DEAD_LETTER);
        ParquetDatasets.write(env.fromData(OPERATIONAL, TypeInformation.of(OperationalRow.class)), root,
                ParquetDataset.OPERATIONAL);
        ParquetDatasets.write(env.fromData(GUARDRAILS, TypeInformation.of(GuardrailRow.class)), root,
                ParquetDataset.GUARDRAILS);
        env.execute("ParquetDatasetsITCase");
    }

    @Test
    void everyDatasetIsAFlatFolderOfCommittedParquetFiles() throws Exception {
        for (ParquetDataset<?> dataset : WRITTEN) {
            try (Stream<Path> files = Files.list(outputRoot.resolve(dataset.name()))) {
                List<Path> all = files.toList();
                assertFalse(all.isEmpty(), dataset.name());
                for (Path file : all) {
                    String name = file.getFileName().toString();
                    assertTrue(Files.isRegularFile(file), file.toString());
                    assertTrue(name.startsWith("part-") && name.endsWith(".parquet"), name);
                }
            }
        }
    }

    @Test
    void aggregatesColumns() throws SQLException {
        assertEquals(List.of(
                "experiment_id VARCHAR REQUIRED",
                "variant VARCHAR REQUIRED",
                "metric VARCHAR REQUIRED",
                "segment VARCHAR OPTIONAL",
                "window_start TIMESTAMP WITH TIME ZONE REQUIRED",
                "window_end TIMESTAMP WITH TIME ZONE REQUIRED",
                "units BIGINT REQUIRED",
                "events BIGINT REQUIRED",
                "unmatched_outcomes BIGINT REQUIRED",
                "mean_y DOUBLE REQUIRED",
                "mean_d DOUBLE REQUIRED",
                "mean_c DOUBLE REQUIRED",
                "c_yy DOUBLE REQUIRED",
                "c_dd DOUBLE REQUIRED",
                "c_cc DOUBLE REQUIRED",
                "c_yd DOUBLE REQUIRED",
                "c_yc DOUBLE REQUIRED",
                "c_dc DOUBLE REQUIRED"), columns("aggregates"));
    }

    @Test
    void aggregatesValues() throws SQLException {
        assertEquals(List.of(
                List.of("exp-1", "control", "converted", "null", T0, T0 + MINUTE, 120L, 300L, 7L,
                        0.125, 1.0, 0.0, 13.125, 0.0, 0.0, 0.0, 0.0, 0.0),
                List.of("exp-1", "treatment", "revenue", "country=US", T0 + MINUTE, T0 + 2 * MINUTE, 98L, 250L, 0L,
                        3.75, 1.5, 0.25, 812.5, 4.25, 1.75, -2.5, 0.5, 1.0E-300)),
                rows("aggregates", "variant"));
    }

    @Test
    void resultsColumns() throws SQLException {
        List<String> expected = new ArrayList<>(List.of(
                "experiment_id VARCHAR REQUIRED",
                "as_of TIMESTAMP WITH TIME ZONE REQUIRED",
                "metric VARCHAR REQUIRED",
                "segment VARCHAR OPTIONAL",
                "control_variant VARCHAR REQUIRED",
                "treatment_variant VARCHAR REQUIRED",
                "control_n BIGINT REQUIRED",
                "control_mean DOUBLE OPTIONAL",
                "treatment_n BIGINT REQUIRED"));
        for (String name : List.of("treatment_mean", "absolute_effect", "ci_low", "ci_high", "relative_effect",
                "relative_ci_low", "relative_ci_high", "p_value", "adjusted_p_value", "sequential_p_value",
                "adjusted_sequential_p_value", "sequential_ci_low", "sequential_ci_high",
                "sequential_relative_ci_low", "sequential_relative_ci_high", "srm_p_value")) {
            expected.add(name + " DOUBLE OPTIONAL");
        }
        expected.add("multiple_exposure_units BIGINT REQUIRED");
        expected.add("status VARCHAR REQUIRED");
        expected.add("status_detail VARCHAR OPTIONAL");
        assertEquals(expected, columns("results"));
    }

    @Test
    void resultsValues() throws SQLException {
        List<Object> allNulls = new ArrayList<>(List.of("exp-1", T0 + 2 * MINUTE, "revenue", "country=US", "control",
                "treatment", 3L, "null", 0L));
        for (int i = 0; i < 16; i++) {
            allNulls.add("null");
        }
        allNulls.addAll(List.of(0L, "NOT_ENOUGH_DATA", "treatment has no units"));
        assertEquals(List.of(
                List.of("exp-1", T0 + MINUTE, "converted", "null", "control", "treatment", 120L, 0.125, 98L, 0.15,
                        0.025, -0.01, 0.06, 0.2, -0.08, 0.48, 0.042, 0.084, 0.31, 0.62, -0.05, 0.1, -0.4, 0.8, 0.97,
                        3L, "OK", "null"),
                allNulls), rows("results", "as_of"));
    }

    @Test
    void decisionsColumns() throws SQLException {
        assertEquals(List.of(
                "experiment_id VARCHAR REQUIRED",
                "as_of TIMESTAMP WITH TIME ZONE REQUIRED",
                "decision VARCHAR REQUIRED",
                "variant VARCHAR OPTIONAL",
                "rule INTEGER REQUIRED",
                "justification VARCHAR REQUIRED",
                "action_items VARCHAR REQUIRED",
                "srm_p_value DOUBLE OPTIONAL"), columns("decisions"));
    }

    @Test
    void decisionsValues() throws SQLException {
        assertEquals(List.of(
                List.of("exp-1", T0 + MINUTE, "ROLLOUT", "treatment", 4,
                        "treatment lifts converted by 20% (p = 0.042)", "ramp treatment to 100%\nannounce", 0.97),
                List.of("exp-2", T0 + 2 * MINUTE, "INCONCLUSIVE", "null", 9, "not enough data", "", "null")),
                rows("decisions", "as_of"));
    }

    @Test
    void deadLetterColumns() throws SQLException {
        assertEquals(List.of(
                "source VARCHAR REQUIRED",
                "reason VARCHAR REQUIRED",
                "field VARCHAR OPTIONAL",
                "detail VARCHAR REQUIRED",
                "raw_text VARCHAR REQUIRED",
                "raw_truncated BOOLEAN REQUIRED",
                "seen_at TIMESTAMP WITH TIME ZONE REQUIRED"), columns("dead_letter"));
    }

    @Test
    void deadLetterValues() throws SQLException {
        assertEquals(List.of(
                List.of("ab.predictions", "MISSING_FIELD", "event_id", "required field is absent or null",
                        "{\"variant\":\"a\"}", false, T0 + 5),
                List.of("file:/data/p.parquet", "MALFORMED_JSON", "null", "Unexpected end-of-input", "{\"ev", true,
                        T0 + 6)),
                rows("dead_letter", "seen_at"));
    }

    @Test
    void operationalColumns() throws SQLException {
        List<String> expected = new ArrayList<>(List.of(
                "experiment_id VARCHAR REQUIRED",
                "variant VARCHAR REQUIRED",
                "served BOOLEAN REQUIRED",
                "window_start TIMESTAMP WITH TIME ZONE REQUIRED",
                "window_end TIMESTAMP WITH TIME ZONE REQUIRED",
                "predictions BIGINT REQUIRED",
                "errors BIGINT REQUIRED",
                "timeouts BIGINT REQUIRED"));
        for (String name : List.of("error_rate", "timeout_rate", "latency_p50", "latency_p95", "latency_p99",
                "latency_max")) {
            expected.add(name + " DOUBLE OPTIONAL");
        }
        expected.add("shadow_pairs BIGINT REQUIRED");
        expected.add("mean_score_difference DOUBLE OPTIONAL");
        expected.add("label_disagreement_rate DOUBLE OPTIONAL");
        assertEquals(expected, columns("operational"));
    }

    @Test
    void operationalValues() throws SQLException {
        assertEquals(List.of(
                List.of("exp-1", "treatment", false, T0, T0 + MINUTE, 0L, 0L, 0L, "null", "null", "null", "null",
                        "null", "null", 3L, -0.125, 0.5),
                List.of("exp-1", "treatment", true, T0, T0 + MINUTE, 400L, 4L, 2L, 0.01, 0.005, 21.5, 48.25, 97.125,
                        1_250.0, 0L, "null", "null")),
                rows("operational", "served"));
    }

    @Test
    void guardrailsColumns() throws SQLException {
        assertEquals(List.of(
                "experiment_id VARCHAR REQUIRED",
                "variant VARCHAR REQUIRED",
                "guardrail VARCHAR REQUIRED",
                "metric VARCHAR REQUIRED",
                "window_start TIMESTAMP WITH TIME ZONE REQUIRED",
                "window_end TIMESTAMP WITH TIME ZONE REQUIRED",
                "observed DOUBLE OPTIONAL",
                "threshold DOUBLE OPTIONAL",
                "events BIGINT REQUIRED",
                "severity VARCHAR REQUIRED",
                "action VARCHAR REQUIRED",
                "incident_id VARCHAR OPTIONAL",
                "incident_state VARCHAR OPTIONAL"), columns("guardrails"));
    }

    @Test
    void guardrailsValues() throws SQLException {
        assertEquals(List.of(
                List.of("exp-1", "treatment", "latency-p99", "latency_p99", T0, T0 + MINUTE, 312.5, 250.0, 400L,
                        "critical", "stop", "null", "null"),
                List.of("exp-1", "treatment", "latency-p99", "latency_p99", T0 + MINUTE, T0 + 2 * MINUTE, 275.25,
                        250.0, 410L, "critical", "stop", "exp-1/treatment/latency-p99/2025-11-24T16:02:00Z", "open"),
                List.of("exp-1", "treatment", "latency-p99", "latency_p99", T0 + 3 * MINUTE, T0 + 4 * MINUTE, 180.0,
                        250.0, 390L, "critical", "stop", "exp-1/treatment/latency-p99/2025-11-24T16:02:00Z",
                        "resolved")),
                rows("guardrails", "window_start"));
    }

    private static String glob(String dataset) {
        return "'" + outputRoot.resolve(dataset) + "/**/*.parquet'";
    }

    /** "name duckdb-type REPETITION" per column, in file order: DuckDB's type and the Parquet repetition. */
    private static List<String> columns(String dataset) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + glob(dataset) + ")")) {
                while (rs.next()) {
                    types.add(rs.getString("column_name") + " " + rs.getString("column_type"));
                }
            }
            List<String> repetitions = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT DISTINCT name, repetition_type, logical_type "
                    + "FROM parquet_schema(" + glob(dataset) + ") WHERE num_children IS NULL OR num_children = 0")) {
                while (rs.next()) {
                    repetitions.add(rs.getString("name") + " " + rs.getString("repetition_type")
                            + " " + rs.getString("logical_type"));
                }
            }
            List<String> described = new ArrayList<>();
            for (String column : types) {
                String name = column.substring(0, column.indexOf(' '));
                List<String> matches = repetitions.stream().filter(r -> r.startsWith(name + " ")).toList();
                assertEquals(1, matches.size(), "one repetition across files for " + name + ": " + matches);
                String[] parts = matches.get(0).split(" ", 3);
                if (column.contains("TIMESTAMP")) {
                    assertTrue(parts[2].contains("isAdjustedToUTC=1") && parts[2].contains("MILLIS"), parts[2]);
                }
                described.add(column + " " + parts[1]);
            }
            return described;
        }
    }

    /** Every row, ordered by {@code orderBy}; timestamps as epoch milliseconds, nulls as "null". */
    private static List<List<Object>> rows(String dataset, String orderBy) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery("SELECT * FROM read_parquet(" + glob(dataset) + ") ORDER BY "
                        + orderBy)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    if (value == null) {
                        row.add("null");
                    } else if (meta.getColumnTypeName(i).startsWith("TIMESTAMP")) {
                        row.add(((java.time.OffsetDateTime) value).toInstant().toEpochMilli());
                    } else {
                        row.add(value);
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
