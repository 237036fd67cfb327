package io.abtest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.sink.ParquetDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rerun} twice over the same synthetic day into the same {@code --output}, on its own mini cluster as an
 * analyst runs it: the second run replaces the first (every dataset holds the same rows, not twice as many) and leaves
 * no staging folder.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class LocalRerunITCase {

    private static final String EXPERIMENT = "../deploy/experiments/minimal.yaml";

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LocalMain.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rerunningADayIntoItsOutputReplacesItWithTheSameRows() throws Exception {
        Path predictions = work.resolve("day/predictions.jsonl");
        Path outcomes = work.resolve("day/outcomes.jsonl");
        assertEquals(0, run("synthetic", "--experiment", EXPERIMENT, "--units", "400", "--malformed-fraction", "0.05",
                "--predictions-out", predictions.toString(), "--outcomes-out", outcomes.toString()), errors());
        Path output = work.resolve("reruns/day");
        String[] rerun = {"rerun", "--experiments", EXPERIMENT, "--input-format", "jsonl",
            "--predictions", predictions.toString(), "--outcomes", outcomes.toString(), "--output", output.toString(),
            "--window", "10m"};

        assertEquals(0, run(rerun), errors());
        Map<String, List<String>> first = rows(output);
        assertEquals(0, run(rerun), errors());
        Map<String, List<String>> second = rows(output);

        assertFalse(first.get("dead_letter").isEmpty(), "malformed records were dead-lettered");
        assertFalse(first.get("results").isEmpty());
        assertEquals(first, second, "the same rows in every dataset, none doubled");
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            assertEquals(List.of("day"), siblings.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("rerun: file:" + output + " replaced"), out.toString());
    }

    @Test
    void anEmptyInputFolderIsRefusedByName() throws Exception {
        Path empty = Files.createDirectories(work.resolve("outcomes/dt=2026-11-27"));
        Path predictions = Files.writeString(work.resolve("predictions.jsonl"), "{}\n");

        assertEquals(2, run("rerun", "--experiments", EXPERIMENT, "--input-format", "jsonl",
                "--predictions", predictions.toString(), "--outcomes", empty.toString(),
                "--output", work.resolve("out").toString()));
        assertTrue(errors().contains("--outcomes: " + empty + " holds no input files"), errors());
        assertFalse(Files.exists(work.resolve("out")));
    }

    /** Ctrl-C or SIGTERM of a running {@code rerun}: its job is cancelled and its staging folder deleted. */
    @Test
    void aRerunStoppedWhileItsJobRunsCancelsItAndLeavesNothingBehind() throws Exception {
        Path predictions = work.resolve("day/predictions.jsonl");
        Path outcomes = work.resolve("day/outcomes.jsonl");
        assertEquals(0, run("synthetic", "--experiment", EXPERIMENT, "--units", "3000", "--malformed-fraction", "0.05",
                "--predictions-out", predictions.toString(), "--outcomes-out", outcomes.toString()), errors());
        Path output = work.resolve("reruns/day");
        Files.createDirectories(output.resolve("results"));
        Files.writeString(output.resolve("results/previous.parquet"), "previous");
        Path log = work.resolve("rerun.log");
        Process rerun = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), LocalMain.class.getName(), "rerun",
                "--experiments", EXPERIMENT, "--input-format", "jsonl", "--predictions", predictions.toString(),
                "--outcomes", outcomes.toString(), "--output", output.toString(), "--window", "10m")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (stagedFiles(output.getParent()) == 0) {
                assertTrue(rerun.isAlive(), "the rerun ended before it wrote a file:\n" + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "nothing staged within 3 minutes");
                Thread.sleep(5);
            }
            rerun.destroy();
            assertTrue(rerun.waitFor(2, TimeUnit.MINUTES), "the rerun stops");
        } finally {
            rerun.destroyForcibly();
        }

        String said = Files.readString(log);
        assertTrue(said.contains("rerun: stopping; cancelling job"), said);
        try (Stream<Path> siblings = Files.list(output.getParent())) {
            assertEquals(List.of("day"), siblings.map(p -> p.getFileName().toString()).toList(), said);
        }
        try (Stream<Path> files = Files.walk(output)) {
            assertEquals(List.of(output.resolve("results/previous.parquet")),
                    files.filter(Files::isRegularFile).toList(), "the previous output as it was");
        }
    }

    /** Files under the staging folders of {@code parent}, in-progress (hidden) ones included. */
    private static long stagedFiles(Path parent) throws Exception {
        try (Stream<Path> siblings = Files.list(parent)) {
            long files = 0;
            for (Path staging : siblings.filter(p -> p.getFileName().toString().contains(".staging-")).toList()) {
                try (Stream<Path> inside = Files.walk(staging)) {
                    files += inside.filter(Files::isRegularFile).count();
                }
            }
            return files;
        }
    }

    /** Each dataset's rows as text, sorted: file names and row order do not matter. */
    private static Map<String, List<String>> rows(Path output) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (ParquetDataset<?> dataset : ParquetDataset.all()) {
            rows.put(dataset.name(), new ParquetFolder(output.resolve(dataset.name())).rows().stream()
                    .map(Object::toString).sorted().toList());
        }
        return rows;
    }
}
