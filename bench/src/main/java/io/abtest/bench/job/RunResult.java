package io.abtest.bench.job;

/**
 * One measured run of one scenario.
 *
 * @param records the input records it read: every record for Kafka and JSON lines, the Parquet rows (every record
 *     but the malformed ones) for the Parquet runs
 * @param measurement what the run's JVM reported (null when it failed)
 * @param peakRssBytes the run's JVM's peak resident set size
 * @param cpuMillis the run's JVM's CPU time, all threads, from its start to its exit (-1 when unknown)
 * @param agrees its unit statistics equal DuckDB's (true for DuckDB itself)
 */
record RunResult(BenchScenario scenario, BenchRun run, long records, Measurement measurement, long peakRssBytes,
        long cpuMillis, boolean agrees) {

    boolean succeeded() {
        return measurement != null;
    }

    double seconds() {
        return measurement.get("run_ms") / 1000.0;
    }

    /** Records per second per core: records over the run's time over the cores the run was given. */
    double recordsPerSecondPerCore(int cores) {
        return records / seconds() / cores;
    }

    /** Records per CPU second of the run's JVM (its start-up, JIT compiler and garbage collector included). */
    double recordsPerCpuSecond() {
        return cpuMillis <= 0 ? Double.NaN : records / (cpuMillis / 1000.0);
    }
}
