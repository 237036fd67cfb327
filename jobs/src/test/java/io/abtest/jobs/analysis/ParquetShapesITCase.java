package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.source.UnreadableColumnException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same day of events (some invalid, a duplicate, an unmatched outcome) written by pyarrow and pandas in every
 * shape users have ({@code jobs/src/test/python/write_parquet_shapes.py}: maps, structs from Python dicts, JSON
 * strings, pandas' datetimes and categoricals with other column orders and extra columns, microsecond and int96
 * timestamps), each rerun by the whole batch job on a mini cluster: every shape writes the datasets the map-shaped
 * files write, which are those the JSON lines of the same events write, read back by DuckDB. A file whose schema cannot
 * be read fails the job without a restart, naming the file and the column, with nothing committed.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ParquetShapesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final Path EXPERIMENT = resource("parquet-shapes.yaml");
    static final Path TRAFFIC = resource("source/shapes/traffic");
    static final List<String> SHAPES = List.of("jsonl", "map", "struct", "json_string", "pandas", "timestamps");
    static final String[] DATASETS = {"aggregates", "results", "operational", "guardrails", "decisions"};

    @TempDir
    static Path work;

    @BeforeAll
    static void rerunEveryShape() throws Exception {
        for (String shape : SHAPES) {
            run(shape, TRAFFIC.resolve(shape + "/predictions"), TRAFFIC.resolve(shape + "/outcomes"),
                    environment(Duration.ZERO));
        }
    }

    @Test
    void theMapShapedFilesWriteWhatTheJsonLinesOfTheSameEventsWrite() throws Exception {
        DatasetComparison.assertSame(work.resolve("jsonl"), work.resolve("map"), DATASETS);
        assertFalse(DuckDbDatasets.read(work.resolve("map"), "results", "as_of").isEmpty());
        assertTrue(DuckDbDatasets.read(work.resolve("map"), "results", "as_of").stream()
                .anyMatch(row -> "device=android".equals(row.get("segment"))), "segments by attributes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"struct", "json_string", "pandas", "timestamps"})
    void everyShapeWritesWhatTheMapShapedFilesWrite(String shape) throws Exception {
        DatasetComparison.assertSame(work.resolve("map"), work.resolve(shape), DATASETS);
    }

    /** The invalid events, and only they, are dead-lettered, with the same reason and field in every shape. */
    @Test
    void everyShapeDeadLettersTheInvalidEventsWithTheSameReasons() throws Exception {
        Map<String, String> expected = new TreeMap<>(Map.of(
                "p-bad-latency", "NEGATIVE_LATENCY latency_ms", "p-bad-variant", "UNKNOWN_VARIANT variant",
                "p-bad-unit", "MISSING_FIELD unit_id", "p-bad-status", "INVALID_STATUS status",
                "p-bad-blank", "EMPTY_FIELD request_id", "o-bad-experiment", "UNKNOWN_EXPERIMENT experiment_id",
                "o-bad-time", "MISSING_FIELD event_time"));
        for (String shape : SHAPES) {
            Map<String, String> reasons = new TreeMap<>();
            for (Map<String, Object> row : DuckDbDatasets.read(work.resolve(shape), "dead_letter", "reason, field")) {
                String raw = (String) row.get("raw_text");
                String id = raw.replaceAll(".*\"event_id\":\"([^\"]+)\".*", "$1");
                assertEquals(null, reasons.put(id, row.get("reason") + " " + row.get("field")), shape + " " + raw);
            }
            assertEquals(expected, reasons, shape);
        }
    }

    @Test
    void aFileWhoseSchemaCannotBeReadFailsTheJobAtOnceNamingTheFileAndTheColumn() throws Exception {
        Path predictions = Files.createDirectories(work.resolve("unreadable-input/predictions"));
        Files.copy(TRAFFIC.resolve("map/predictions/part-0.parquet"), predictions.resolve("part-0.parquet"));
        Path unreadable = predictions.resolve("part-1.parquet");
        Files.copy(resource("source/shapes/unreadable/event_time_string.parquet"), unreadable);

        long started = System.nanoTime();
        Exception failure = assertThrows(Exception.class, () -> run("unreadable", predictions,
                TRAFFIC.resolve("map/outcomes"), environment(Duration.ofSeconds(30))));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("cannot read Parquet file file:" + unreadable + ": column event_time is stored as optional binary"
                + " event_time (STRING); event_time is read from int64 or int32 epoch milliseconds, or a timestamp"
                + " (TIMESTAMP with unit MILLIS, MICROS or NANOS, or int96)",
                UnreadableColumnException.messageIn(failure).orElseThrow(() -> failure));
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0,
                "not restarted (a restart waits 30 s), failed after " + took);
        Path output = Files.createDirectories(work.resolve("unreadable"));
        try (Stream<Path> files = Files.walk(output)) {
            List<Path> committed = files.filter(f -> f.getFileName().toString().endsWith(".parquet")
                    && !f.getFileName().toString().startsWith(".")).toList();
            assertEquals(List.of(), committed);
        }
    }

    private static void run(String name, Path predictions, Path outcomes, StreamExecutionEnvironment env)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--experiments", EXPERIMENT.toString(), "--mode", "batch",
                "--output", work.resolve(name).toString(), "--predictions", predictions.toString(),
                "--outcomes", outcomes.toString(), "--window", "30m"));
        if (name.equals("jsonl")) {
            args.addAll(List.of("--input-format", "jsonl"));
        }
        AnalysisJobOptions options = AnalysisJobOptions.parse(args.toArray(String[]::new));
        AnalysisJob.build(env, ExperimentCatalog.load(EXPERIMENT), options);
        env.execute(AnalysisJob.name(options));
    }

    /** Parallelism 2; with a restart delay, a failing job would restart up to 10 times after that delay. */
    private static StreamExecutionEnvironment environment(Duration restartDelay) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        if (!restartDelay.isZero()) {
            Configuration restarts = new Configuration();
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
            restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, restartDelay);
            env.configure(restarts);
        }
        return env;
    }

    private static Path resource(String name) {
        try {
            return Path.of(ParquetShapesITCase.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
