package io.abtest.bench.job;

import io.abtest.config.ExperimentConfig;
import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job benchmark: the analysis job end to end against DuckDB, on one machine.
 *
 * <p>For each scenario (about N input records from U units) it generates traffic with the project's generator
 * ({@link TrafficSlices}), publishes it to an embedded KRaft broker and writes the same records as JSON lines and as
 * Parquet ({@link BenchInputs}), then measures, each in a JVM of its own ({@link ChildJvm}):
 *
 * <ul>
 *   <li>{@code duckdb}: DuckDB computing the job's unit-level statistics from the Parquet files
 *       ({@link MeasuredDuckDbRun}, {@code unit-statistics.sql});
 *   <li>{@code parquet} and {@code jsonl}: the batch rerun over those files;
 *   <li>{@code streaming}: the streaming job reading the topics to their end ({@code --bounded true}), checkpoints
 *       every 10 s, exactly-once Parquet out; its time ends when the job has finished, that is after the final
 *       checkpoint committed the last results.
 * </ul>
 *
 * <p>Each job run's final aggregates must equal DuckDB's statistics (unit counts exactly), and DuckDB's unit counts
 * the generator's own. It prints a markdown table and writes it, with the conditions, to {@code OUTPUT/results.md}.
 * Exit code 0 when every run succeeded and every check agreed, 1 otherwise, 2 on bad arguments. Arguments:
 * {@link JobBenchmarkOptions}.
 */
public final class JobBenchmark {

    static final String EXPERIMENT_RESOURCE = "/job-bench/bench-ranker.yaml";
    static final String EXPERIMENT_ID = "bench-ranker";

    private final JobBenchmarkOptions options;
    private final PrintStream out;
    private final Path experimentFile;
    private final ExperimentConfig experiment;
    private final List<String> problems = new ArrayList<>();

    private JobBenchmark(JobBenchmarkOptions options, PrintStream out) throws IOException {
        this.options = options;
        this.out = out;
        Files.createDirectories(options.output());
        this.experimentFile = options.output().resolve("bench-ranker.yaml");
        try (InputStream in = JobBenchmark.class.getResourceAsStream(EXPERIMENT_RESOURCE)) {
            Files.write(experimentFile, in.readAllBytes());
        }
        this.experiment = ExperimentCatalog.load(experimentFile).config(EXPERIMENT_ID);
    }

    public static void main(String[] args) throws Exception {
        QuietLogging.apply();
        JobBenchmarkOptions options;
        try {
            options = JobBenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("job benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status = new JobBenchmark(options, System.out).run();
        System.exit(status);
    }

    private int run() throws Exception {
        BenchConditions conditions = BenchConditions.now(options);
        out.println(conditions.markdown());
        List<RunResult> results = new ArrayList<>();
        for (BenchScenario scenario : options.scenarios()) {
            results.addAll(measure(scenario));
        }
        String table = ResultTable.markdown(results, options.cores());
        String stateLines = StateByUnits.markdown(results);
        out.println();
        out.println(table);
        out.print(stateLines);
        problems.forEach(p -> out.println("PROBLEM: " + p));
        Files.writeString(options.output().resolve("results.md"), conditions.markdown() + "\n" + table + "\n"
                + stateLines + (problems.isEmpty() ? "" : "\nProblems:\n\n- " + String.join("\n- ", problems) + "\n"));
        out.println("results in " + options.output().resolve("results.md"));
        return problems.isEmpty() ? 0 : 1;
    }

    private List<RunResult> measure(BenchScenario scenario) throws Exception {
        Path root = options.output().resolve(scenario.name());
        out.printf("%n== %,d records, %,d units (%.1f records per unit) ==%n", scenario.events(), scenario.units(),
                (double) scenario.events() / scenario.units());
        boolean streaming = options.runs().contains(BenchRun.STREAMING);
        try (EmbeddedKafkaBroker broker = streaming ? EmbeddedKafkaBroker.start() : null) {
            BenchInputs.Written inputs;
            if (broker != null) {
                createTopics(broker);
                try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                        KafkaEventSources.PREDICTIONS_TOPIC, KafkaEventSources.OUTCOMES_TOPIC, 1_000_000, out)) {
                    inputs = writeInputs(scenario, root, publisher);
                }
            } else {
                inputs = writeInputs(scenario, root, null);
            }
            out.printf("  inputs: %,d records (%,d as Parquet rows), %,d units; generator's single-variant units %s%n",
                    inputs.records(), inputs.parquetRows(), inputs.units(), inputs.singleVariantUnits());
            List<RunResult> results = new ArrayList<>();
            Map<BenchRun, List<UnitStatistic>> statistics = new TreeMap<>();
            for (BenchRun run : options.runs()) {
                out.printf("  -- %s%n", run.title);
                Path dir = Files.createDirectories(root.resolve(run.id));
                Measurement measurement = null;
                ChildJvm.Finished finished = run == BenchRun.DUCKDB ? runDuckDb(inputs, dir)
                        : runJob(run, inputs, dir, broker);
                if (finished.exitCode() == 0) {
                    measurement = Measurement.read(dir.resolve("measurement.properties"));
                    statistics.put(run, run == BenchRun.DUCKDB ? UnitStatistic.readCsv(dir.resolve("statistics.csv"))
                            : finalAggregates(dir.resolve("output")));
                } else {
                    problems.add(scenario.name() + " " + run.id + ": failed with exit code " + finished.exitCode()
                            + ", see " + dir.resolve("run.log"));
                }
                results.add(new RunResult(scenario, run, run.readsParquet ? inputs.parquetRows() : inputs.records(),
                        measurement, finished.peakRssBytes(), finished.cpuMillis(), true));
            }
            return check(scenario, inputs, results, statistics);
        }
    }

    private BenchInputs.Written writeInputs(BenchScenario scenario, Path root, KafkaTrafficPublisher publisher)
            throws IOException {
        return BenchInputs.write(experiment, TrafficSlices.of(scenario, options.sliceEvents(),
                options.trafficDuration(), options.seed()), options.cores(), root.resolve("input"), publisher, out);
    }

    /** As the embedded demo creates them, with one partition per core for the event topics. */
    private void createTopics(EmbeddedKafkaBroker broker) {
        broker.createTopic(KafkaEventSources.PREDICTIONS_TOPIC, options.cores(), Map.of());
        broker.createTopic(KafkaEventSources.OUTCOMES_TOPIC, options.cores(), Map.of());
        broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
    }

    private ChildJvm.Finished runJob(BenchRun run, BenchInputs.Written inputs, Path dir, EmbeddedKafkaBroker broker)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(dir.resolve("measurement.properties").toString(),
                Integer.toString(options.cores()), "--experiments", experimentFile.toString(),
                "--output", dir.resolve("output").toString(), "--window", options.window()));
        switch (run) {
            case PARQUET -> args.addAll(List.of("--mode", "batch", "--input-format", "parquet",
                    "--predictions", inputs.parquetPredictions().toString(),
                    "--outcomes", inputs.parquetOutcomes().toString()));
            case JSONL -> args.addAll(List.of("--mode", "batch", "--input-format", "jsonl",
                    "--predictions", inputs.jsonPredictions().toString(),
                    "--outcomes", inputs.jsonOutcomes().toString()));
            case STREAMING -> args.addAll(List.of("--mode", "streaming", "--bootstrap-servers",
                    broker.bootstrapServers(), "--group-id", "job-bench-" + dir.getParent().getFileName(),
                    "--bounded", "true", "--checkpoint-interval", options.checkpointInterval(),
                    "--checkpoint-dir", dir.resolve("checkpoints").toUri().toString()));
            default -> throw new IllegalArgumentException(run.id);
        }
        return ChildJvm.run(run.id, jvmOptions(run, dir), MeasuredJobRun.class, args, dir.resolve("run.log"), out);
    }

    private ChildJvm.Finished runDuckDb(BenchInputs.Written inputs, Path dir) throws IOException, InterruptedException {
        List<String> args = List.of(dir.resolve("measurement.properties").toString(),
                dir.resolve("statistics.csv").toString(), Integer.toString(options.cores()),
                inputs.parquetPredictions().resolve("*.parquet").toString(),
                inputs.parquetOutcomes().resolve("*.parquet").toString(), EXPERIMENT_ID,
                Long.toString(experiment.attributionWindow().toMillis()), experiment.segments().get(0));
        return ChildJvm.run(BenchRun.DUCKDB.id, jvmOptions(BenchRun.DUCKDB, dir), MeasuredDuckDbRun.class, args,
                dir.resolve("run.log"), out);
    }

    private List<String> jvmOptions(BenchRun run, Path dir) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.heap()));
        if (options.jfr()) {
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve(run.id + ".jfr") + ",settings=profile");
        }
        return jvm;
    }

    /** The job's own numbers, read back from its committed {@code aggregates/} files. */
    private static List<UnitStatistic> finalAggregates(Path output) throws Exception {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            return UnitStatisticsQuery.run(duckdb, UnitStatisticsQuery.FINAL_AGGREGATES,
                    Map.of("aggregates", output.resolve("aggregates").resolve("**/*.parquet").toString()));
        }
    }

    /** Every job run against DuckDB, and DuckDB's unit counts against the generator's own; prints the counts. */
    private List<RunResult> check(BenchScenario scenario, BenchInputs.Written inputs, List<RunResult> results,
            Map<BenchRun, List<UnitStatistic>> statistics) {
        out.printf("  units per variant (metric converted, all units): generator %s%n", inputs.singleVariantUnits());
        statistics.forEach((run, rows) -> out.printf("    %-9s %s%n", run.id,
                StatisticsAgreement.unitsByVariant(rows, "converted")));
        List<UnitStatistic> duckdb = statistics.get(BenchRun.DUCKDB);
        if (duckdb == null) {
            return results;
        }
        if (!StatisticsAgreement.unitsByVariant(duckdb, "converted").equals(inputs.singleVariantUnits())) {
            problems.add(scenario.name() + ": DuckDB's units per variant differ from the generator's");
        }
        List<RunResult> checked = new ArrayList<>();
        for (RunResult r : results) {
            List<UnitStatistic> rows = statistics.get(r.run());
            List<String> found = r.run() == BenchRun.DUCKDB || rows == null ? List.of()
                    : StatisticsAgreement.problems(scenario.name() + " " + r.run().id, duckdb, rows);
            found.stream().limit(10).forEach(problems::add);
            if (found.isEmpty() && rows != null && r.run() != BenchRun.DUCKDB) {
                out.printf("    %s agrees with DuckDB on all %d rows (variant x metric x segment)%n", r.run().id,
                        rows.size());
            }
            checked.add(new RunResult(r.scenario(), r.run(), r.records(), r.measurement(), r.peakRssBytes(),
                    r.cpuMillis(), found.isEmpty()));
        }
        return checked;
    }
}
