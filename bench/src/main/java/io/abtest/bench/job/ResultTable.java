package io.abtest.bench.job;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's results as a markdown table, one row per scenario and run. */
final class ResultTable {

    private ResultTable() {}

    static String markdown(List<RunResult> results, int cores) {
        StringBuilder table = new StringBuilder();
        table.append("| records | units | run | records read | time (s) | records/s/core | time / DuckDB's "
                + "| CPU time of the JVM (s) | records per CPU s | peak RSS | peak heap | heap after GC, max | state (largest checkpoint) | units = DuckDB's |\n");
        table.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunResult r : results) {
            table.append(String.format(Locale.ROOT, "| %,d | %,d | %s | %,d | ", r.scenario().events(),
                    r.scenario().units(), r.run().title, r.records()));
            if (!r.succeeded()) {
                table.append("failed | | | | | | | | | |\n");
                continue;
            }
            Optional<RunResult> duckdb = results.stream().filter(d -> d.scenario().equals(r.scenario())
                    && d.run() == BenchRun.DUCKDB && d.succeeded()).findFirst();
            Measurement m = r.measurement();
            long state = m.get("checkpoint_largest_bytes");
            table.append(String.format(Locale.ROOT, "%.1f | %,.0f | %s | %.1f | %,.0f | %s | %s | %s | %s | %s |\n",
                    r.seconds(), r.recordsPerSecondPerCore(cores),
                    duckdb.map(d -> String.format(Locale.ROOT, "%.1f", r.seconds() / d.seconds())).orElse(""),
                    r.cpuMillis() / 1000.0, r.recordsPerCpuSecond(),
                    Bytes.text(r.peakRssBytes()), Bytes.text(m.get("heap_peak_bytes")),
                    Bytes.text(m.get("heap_after_gc_peak_bytes")),
                    r.run() == BenchRun.STREAMING ? Bytes.text(state) + " (" + m.get("checkpoints") + " checkpoints)"
                            : "", r.run() == BenchRun.DUCKDB ? "(the reference)" : r.agrees() ? "yes" : "**no**"));
        }
        return table.toString();
    }
}
