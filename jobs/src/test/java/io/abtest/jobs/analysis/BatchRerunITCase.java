package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.rerun.BatchRerun;
import io.abtest.jobs.analysis.sink.ParquetDataset;
import io.abtest.jobs.analysis.source.EventParquetFiles;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch reruns into an output that already exists, on a Flink mini cluster at parallelism 2, read back with DuckDB:
 * the same input twice gives the same rows in all six datasets (the second run replaces the first, adding nothing);
 * a rerun that fails, or is cancelled after it started writing, leaves the previous output byte for byte and no
 * staging folder.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class BatchRerunITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /** The input files' modification times; a batch rerun's dead letters are stamped with the later. */
    static final Instant PREDICTIONS_WRITTEN = Instant.parse("2026-11-28T00:10:00.123Z");
    static final Instant OUTCOMES_WRITTEN = Instant.parse("2026-11-28T02:30:00.456Z");

    @TempDir
    static Path work;

    static SyntheticTraffic traffic;
    static Path predictions;
    static Path outcomes;
    static Path output;
    static Map<String, List<Map<String, Object>>> firstRun;
    static Map<String, List<Map<String, Object>>> secondRun;

    @BeforeAll
    static void rerunTheSameDayTwice() throws Exception {
        traffic = SyntheticTraffic.generate(AnalysisJobITCase.CATALOG.config("ranker-v2"),
                AnalysisJobITCase.trafficOptions(AnalysisJobITCase.SWITCHED_UNIT_FRACTION));
        predictions = work.resolve("input/predictions.jsonl");
        outcomes = work.resolve("input/outcomes.jsonl");
        Files.createDirectories(predictions.getParent());
        traffic.writeJsonLines(predictions, outcomes);
        Files.setLastModifiedTime(predictions, FileTime.from(PREDICTIONS_WRITTEN));
        Files.setLastModifiedTime(outcomes, FileTime.from(OUTCOMES_WRITTEN));

        output = work.resolve("reruns/2026-11-27");
        assertEquals(0, rerun(output));
        firstRun = datasets(output);
        assertEquals(0, rerun(output));
        secondRun = datasets(output);
    }

    @Test
    void twoRerunsOfTheSameInputIntoTheSameOutputWriteTheSameRowsInEveryDataset() {
        for (ParquetDataset<?> dataset : ParquetDataset.all()) {
            List<Map<String, Object>> first = firstRun.get(dataset.name());
            assertFalse(first.isEmpty(), "the traffic gives rows in " + dataset);
            assertEquals(first, secondRun.get(dataset.name()), dataset + ": every row and column equal");
        }
    }

    @Test
    void theSecondRerunReplacedTheFirstInsteadOfAddingToIt() throws Exception {
        assertEquals(traffic.summary().deadLettered(), secondRun.get("dead_letter").size(), "no doubled dead letters");
        List<Map<String, Object>> decisions = secondRun.get("decisions");
        assertEquals(decisions.stream().distinct().count(), decisions.size(), "no doubled decisions");
        List<Map<String, Object>> results = secondRun.get("results");
        assertEquals(results.stream().map(r -> List.of(r.get("as_of"), r.get("metric"), String.valueOf(r.get("segment")),
                r.get("treatment_variant"))).distinct().count(), results.size(), "one results row per key");
        assertEquals(List.of(), leftovers(output), "no staging or replaced folder beside the output");
    }

    @Test
    void aBatchRerunStampsDeadLettersWithTheInputsLatestModificationTime() {
        List<Map<String, Object>> deadLetters = secondRun.get("dead_letter");
        assertFalse(deadLetters.isEmpty());
        for (Map<String, Object> row : deadLetters) {
            assertEquals(OUTCOMES_WRITTEN.toEpochMilli(), millis(row.get("seen_at")), row.toString());
        }
    }

    @Test
    void aRerunThatFailsLeavesThePreviousOutputByteForByteAndNoStagingFolder() throws Exception {
        Path previous = copyOf(output, work.resolve("failing/2026-11-27"));
        Map<String, String> before = snapshot(previous);
        Path parquet = work.resolve("failing-input");
        Files.createDirectories(parquet.resolve("predictions"));
        Files.createDirectories(parquet.resolve("outcomes"));
        writeLatencyAsText(parquet.resolve("predictions/part-0.parquet"));
        EventParquetFiles.writeOutcomes(parquet.resolve("outcomes/part-0.parquet"), List.of());

        List<Integer> filesWhenTheJobEnded = new ArrayList<>();
        BatchRerun.JobWait recording = (job, staging) -> {
            try {
                return BatchRerun.UNTIL_DONE.await(job, staging);
            } finally {
                filesWhenTheJobEnded.add(files(Path.of(staging.toUri())).size());
            }
        };
        Exception failure = assertThrows(Exception.class, () -> BatchRerun.run(environment(), AnalysisJobITCase.CATALOG,
                options(previous, "--predictions", parquet.resolve("predictions").toString(),
                        "--outcomes", parquet.resolve("outcomes").toString()), recording, System.out));
        assertTrue(stackText(failure).contains("latency_ms"), "the schema failure: " + stackText(failure));
        assertEquals(1, filesWhenTheJobEnded.size(), "the job was submitted and waited for");
        assertEquals(before, snapshot(previous), "the previous output is untouched");
        assertEquals(List.of(), leftovers(previous));
    }

    @Test
    void aRerunCancelledAfterItStartedWritingLeavesThePreviousOutputByteForByteAndNoStagingFolder() throws Exception {
        Path previous = copyOf(output, work.resolve("cancelled/2026-11-27"));
        Map<String, String> before = snapshot(previous);
        List<String> writtenWhenCancelled = new ArrayList<>();
        BatchRerun.JobWait cancelOnceWriting = (job, staging) -> {
            Path local = Path.of(staging.toUri());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (files(local).isEmpty()) {
                assertFalse(job.getJobStatus().get().isGloballyTerminalState(), "the job ended before it wrote a file");
                assertTrue(System.nanoTime() < deadline, "nothing written within 3 minutes");
                Thread.sleep(5);
            }
            writtenWhenCancelled.addAll(files(local));
            job.cancel().get();
            return job.getJobExecutionResult().get();
        };
        assertThrows(Exception.class, () -> BatchRerun.run(environment(), AnalysisJobITCase.CATALOG,
                options(previous, "--input-format", "jsonl", "--predictions", predictions.toString(),
                        "--outcomes", outcomes.toString()), cancelOnceWriting, System.out));
        assertFalse(writtenWhenCancelled.isEmpty(), "the job had written into its staging folder");
        assertEquals(before, snapshot(previous), "the previous output is untouched");
        assertEquals(List.of(), leftovers(previous));
    }

    /** A retried rerun (a Kubernetes Job after its pod was killed) with {@code --leftovers clean}. */
    @Test
    void aRerunAllowedToCleanLeftoversRemovesAKilledRunsStagingFolderAndWritesTheDay() throws Exception {
        Path retried = work.resolve("retried/2026-11-27");
        Path killed = Files.createDirectories(retried.resolveSibling(".2026-11-27.staging-20261127T230000Z-0a0b0c"));
        Files.writeString(Files.createDirectories(killed.resolve("dead_letter")).resolve(".part-0.inprogress"), "half");

        assertEquals(0, rerun(retried, "--leftovers", "clean"));

        assertEquals(secondRun, datasets(retried));
        assertEquals(List.of(), leftovers(retried));
    }

    private static int rerun(Path out, String... more) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--experiments", AnalysisJobITCase.EXPERIMENT.toString(),
                "--output", out.toString(), "--mode", "batch", "--input-format", "jsonl",
                "--predictions", predictions.toString(), "--outcomes", outcomes.toString(), "--window", "10m"));
        args.addAll(List.of(more));
        int status = AnalysisJob.run(args.toArray(String[]::new), environment(), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        return status;
    }

    private static AnalysisJobOptions options(Path out, String... input) {
        List<String> args = new ArrayList<>(List.of("--experiments", AnalysisJobITCase.EXPERIMENT.toString(),
                "--output", out.toString(), "--mode", "batch", "--window", "10m"));
        args.addAll(List.of(input));
        return AnalysisJobOptions.parse(args.toArray(String[]::new));
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    /** Every dataset's rows, every column, sorted by all columns: file names and row order do not matter. */
    private static Map<String, List<Map<String, Object>>> datasets(Path root) throws Exception {
        Map<String, List<Map<String, Object>>> rows = new TreeMap<>();
        for (ParquetDataset<?> dataset : ParquetDataset.all()) {
            rows.put(dataset.name(), DuckDbDatasets.read(root, dataset.name(), "ALL"));
        }
        return rows;
    }

    /** A prediction file whose {@code latency_ms} is stored as text: a schema the job cannot read. */
    private static void writeLatencyAsText(Path file) {
        Schema schema = SchemaBuilder.record("PredictionEvent").fields()
                .requiredString("event_id").requiredString("experiment_id").requiredString("variant")
                .requiredString("unit_id").requiredString("request_id").requiredLong("event_time")
                .requiredString("latency_ms").requiredString("status").endRecord();
        GenericData.Record row = new GenericData.Record(schema);
        row.put("event_id", "e2");
        row.put("experiment_id", "ranker-v2");
        row.put("variant", "champion");
        row.put("unit_id", "u2");
        row.put("request_id", "r2");
        row.put("event_time", 2_000L);
        row.put("latency_ms", "fast");
        row.put("status", "ok");
        EventParquetFiles.writeRows(file, schema, List.of(row));
    }

    /** Relative path to content hash and modification time of every file and folder under {@code root}. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String modified = Files.getLastModifiedTime(path).toString();
                entries.put(root.relativize(path).toString(), Files.isDirectory(path) ? "folder " + modified
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)))
                                + " " + modified);
            }
        }
        return entries;
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static List<String> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).toList();
        }
    }

    /** Staging and replaced folders of reruns into {@code out}. */
    private static List<String> leftovers(Path out) throws IOException {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.map(p -> p.getFileName().toString())
                    .filter(name -> name.startsWith("." + out.getFileName() + ".")).toList();
        }
    }

    private static long millis(Object timestamp) {
        return ((java.time.OffsetDateTime) timestamp).toInstant().toEpochMilli();
    }

    private static String stackText(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
