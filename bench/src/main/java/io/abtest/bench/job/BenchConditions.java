package io.abtest.bench.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.apache.flink.runtime.util.EnvironmentInformation;

/** Everything a reader needs to compare two runs of the benchmark: the machine, the versions and the settings. */
record BenchConditions(String text) {

    static BenchConditions now(JobBenchmarkOptions o) {
        String scenarios = o.scenarios().stream()
                .map(s -> String.format("%,d records / %,d units", s.events(), s.units()))
                .collect(Collectors.joining(", "));
        String text = "Job benchmark, " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n\n"
                + "- machine: " + firstLine("/proc/cpuinfo", "model name") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores available, "
                + firstLine("/proc/meminfo", "MemTotal") + "; load average at start " + String.join(" ", java.util.Arrays.asList(firstLine("/proc/loadavg", "").split(" ")).subList(0, 3))
                + "\n"
                + "- Java " + System.getProperty("java.version") + ", Flink " + EnvironmentInformation.getVersion()
                + " (mini cluster, one JVM per run, -Xmx" + o.heap() + ", HashMap state backend, file checkpoints)"
                + ", DuckDB " + duckDbVersion() + "\n"
                + "- rates are per core: records / time / " + o.cores() + " cores; the job runs with parallelism "
                + o.cores() + ", DuckDB with " + o.cores() + " threads; the broker runs in the benchmark's own JVM\n"
                + "- scenarios: " + scenarios + "; traffic over " + o.trafficDuration().toHours() + " h of event time, "
                + "window " + o.window() + ", checkpoints every " + o.checkpointInterval() + " (streaming)\n"
                + "- time: the job's net runtime (Flink's, from the job's start to finished: for streaming after the "
                + "final checkpoint committed the last Parquet files); DuckDB's from connecting to the last row\n";
        return new BenchConditions(text);
    }

    String markdown() {
        return text;
    }

    private static String duckDbVersion() {
        try (java.sql.Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:")) {
            return duckdb.getMetaData().getDatabaseProductVersion();
        } catch (java.sql.SQLException e) {
            return "unknown";
        }
    }

    private static String firstLine(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> prefix.isEmpty() ? l : l.substring(l.indexOf(':') + 1).trim()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
