package io.abtest.bench.job;

/** The runs the job benchmark measures, in the order it runs them (the quick peer first, as a check of the SQL). */
enum BenchRun {
    DUCKDB("duckdb", "DuckDB over Parquet", true),
    PARQUET("parquet", "batch rerun, Parquet", true),
    JSONL("jsonl", "batch rerun, JSON lines", false),
    STREAMING("streaming", "streaming, Kafka", false);

    /** The name on the command line ({@code --runs}) and of the run's folder. */
    final String id;
    final String title;
    /** Reads the Parquet input, which has every record but the malformed ones (Parquet has no malformed JSON). */
    final boolean readsParquet;

    BenchRun(String id, String title, boolean readsParquet) {
        this.id = id;
        this.title = title;
        this.readsParquet = readsParquet;
    }

    static BenchRun of(String id) {
        for (BenchRun run : values()) {
            if (run.id.equals(id)) {
                return run;
            }
        }
        throw new IllegalArgumentException("--runs: unknown run " + id + " (streaming, parquet, jsonl, duckdb)");
    }
}
