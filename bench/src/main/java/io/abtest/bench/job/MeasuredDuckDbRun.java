package io.abtest.bench.job;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peer, in a JVM of its own (started by {@link JobBenchmark}): DuckDB (in memory, in this process, with as
 * many threads as the job has cores) computing the job's unit-level statistics from the same Parquet input
 * ({@code unit-statistics.sql}). The time is from opening the connection to the last row read; the statistics go to
 * a CSV file for the benchmark to compare with the job's.
 *
 * <p>Arguments: {@code MEASUREMENT_FILE STATISTICS_CSV THREADS PREDICTIONS_GLOB OUTCOMES_GLOB EXPERIMENT_ID
 * ATTRIBUTION_WINDOW_MS SEGMENT_ATTRIBUTE}.
 */
public final class MeasuredDuckDbRun {

    private MeasuredDuckDbRun() {}

    public static void main(String[] args) throws Exception {
        int status = 1;
        try {
            HeapHighWater heap = HeapHighWater.watch();
            long started = System.nanoTime();
            List<UnitStatistic> statistics;
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
                try (Statement settings = duckdb.createStatement()) {
                    settings.execute("SET threads = " + Integer.parseInt(args[2]));
                }
                statistics = UnitStatisticsQuery.run(duckdb, UnitStatisticsQuery.UNIT_STATISTICS, Map.of(
                        "predictions", args[3], "outcomes", args[4], "experiment", args[5],
                        "attribution_window_ms", args[6], "segment", args[7]));
            }
            Measurement measurement = new Measurement();
            measurement.put("run_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            measurement.put("heap_peak_bytes", heap.peakUsed());
            measurement.put("heap_after_gc_peak_bytes", heap.peakAfterCollection());
            UnitStatistic.writeCsv(Path.of(args[1]), statistics);
            measurement.write(Path.of(args[0]));
            System.out.printf("DuckDB: %d rows of unit statistics in %d ms%n", statistics.size(),
                    measurement.get("run_ms"));
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            System.exit(status);
        }
    }
}
