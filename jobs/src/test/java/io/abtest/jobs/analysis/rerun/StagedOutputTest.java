package io.abtest.jobs.analysis.rerun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staging folder's life on the local file system: beside the output, hidden, renamed into place or deleted. */
class StagedOutputTest {

    @TempDir
    Path work;

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path local(org.apache.flink.core.fs.Path path) {
        return Path.of(path.toUri());
    }

    @Test
    void theStagingFolderIsAHiddenSiblingOfTheOutput() throws Exception {
        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()),
                "run-1");

        assertEquals(work.resolve(".day.staging-run-1"), local(staged.staging()));
        assertTrue(Files.isDirectory(local(staged.staging())));
        assertEquals(List.of(".day.staging-run-1"), names(work));
    }

    @Test
    void publishingReplacesThePreviousOutputAsAWholeAndLeavesNothingBeside() throws Exception {
        Path output = Files.createDirectories(work.resolve("day/results"));
        Files.writeString(output.resolve("old.parquet"), "old");
        Files.createDirectories(work.resolve("day/dead_letter"));
        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()),
                "run-2");
        Path results = Files.createDirectories(local(staged.staging()).resolve("results"));
        Files.writeString(results.resolve("new.parquet"), "new");

        staged.publish();

        assertEquals(List.of("day"), names(work));
        assertEquals(List.of("results"), names(work.resolve("day")), "no dataset of the previous run survives");
        assertEquals(List.of("new.parquet"), names(work.resolve("day/results")));
    }

    @Test
    void aFirstRunRenamesTheStagingFolderIntoPlace() throws Exception {
        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()),
                "run-3");
        Files.writeString(Files.createDirectories(local(staged.staging()).resolve("decisions")).resolve("a.parquet"),
                "a");

        staged.publish();

        assertEquals(List.of("day"), names(work));
        assertEquals("a", Files.readString(work.resolve("day/decisions/a.parquet")));
    }

    @Test
    void discardingDeletesTheStagingFolderAndLeavesTheOutput() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("day/results")).resolve("old.parquet"), "old");
        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()),
                "run-4");
        Files.writeString(Files.createDirectories(local(staged.staging()).resolve("results")).resolve("half.parquet"),
                "half");

        staged.discard();

        assertEquals(List.of("day"), names(work));
        assertEquals("old", Files.readString(work.resolve("day/results/old.parquet")));
        assertFalse(Files.exists(local(staged.staging())));
    }

    @Test
    void aRelativeOutputIsQualifiedWithTheWorkingDirectory() throws Exception {
        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path("target/staged-output-test/day"),
                "run-5");
        try {
            assertEquals(Path.of("target/staged-output-test/day").toAbsolutePath(), local(staged.output()));
        } finally {
            staged.discard();
        }
    }

    @Test
    void cleaningLeftoversDeletesStagingFoldersAndPutsAReplacedOutputBackWhenTheOutputIsMissing() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve(".day.staging-20261127T010000Z-aaaaaa/results"))
                .resolve("half.parquet"), "half");
        Files.writeString(Files.createDirectories(work.resolve(".day.replaced-20261127T020000Z-bbbbbb/results"))
                .resolve("old.parquet"), "old");
        Files.createDirectories(work.resolve(".day.replaced-20261126T020000Z-cccccc/results"));
        java.util.List<String> said = new java.util.ArrayList<>();

        StagedOutput staged = StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()),
                "run-6", true, said::add);

        assertEquals(List.of(".day.staging-run-6", "day"), names(work));
        assertEquals("old", Files.readString(work.resolve("day/results/old.parquet")), "the newest replaced output");
        assertEquals(3, said.size(), said.toString());
        assertTrue(said.stream().anyMatch(s -> s.startsWith("moved file:" + work.resolve(
                ".day.replaced-20261127T020000Z-bbbbbb") + " back to file:" + work.resolve("day"))), said.toString());
        staged.discard();
    }

    @Test
    void cleaningLeftoversDeletesAReplacedOutputWhenTheNewOneIsInPlace() throws Exception {
        Files.writeString(Files.createDirectories(work.resolve("day/results")).resolve("new.parquet"), "new");
        Files.createDirectories(work.resolve(".day.replaced-20261127T020000Z-bbbbbb/results"));

        StagedOutput.prepare(new org.apache.flink.core.fs.Path(work.resolve("day").toString()), "run-7", true,
                said -> {}).discard();

        assertEquals(List.of("day"), names(work));
        assertEquals("new", Files.readString(work.resolve("day/results/new.parquet")));
    }
}
