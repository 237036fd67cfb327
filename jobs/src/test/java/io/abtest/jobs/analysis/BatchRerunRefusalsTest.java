package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch reruns that must not start exit with code 2 through the job's own entry point, name the argument at fault,
 * and leave the output folder and its parent as they were: no job is submitted, so no cluster is needed.
 */
class BatchRerunRefusalsTest {

    @TempDir
    Path work;

    private Path predictions;
    private Path outcomes;
    private Path output;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void input() throws Exception {
        predictions = Files.writeString(work.resolve("predictions.jsonl"), "{}\n");
        outcomes = Files.writeString(work.resolve("outcomes.jsonl"), "{}\n");
        output = work.resolve("reruns/2026-11-27");
    }

    private int rerun(StreamExecutionEnvironment env, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--experiments", AnalysisJobITCase.EXPERIMENT.toString(),
                "--mode", "batch", "--input-format", "jsonl", "--output", output.toString(),
                "--predictions", predictions.toString(), "--outcomes", outcomes.toString()));
        args.addAll(List.of(more));
        return AnalysisJob.run(args.toArray(String[]::new), env, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int rerun(String... more) throws Exception {
        return rerun(StreamExecutionEnvironment.getExecutionEnvironment(), more);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> namesIn(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(folder)) {
            return names.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDetachedSubmissionIsRefusedBeforeAnythingIsWritten() throws Exception {
        Configuration detached = new Configuration();
        detached.set(DeploymentOptions.TARGET, "remote");
        detached.set(DeploymentOptions.ATTACHED, false);

        assertEquals(2, rerun(new StreamExecutionEnvironment(detached)));
        assertTrue(errors().contains("-d (execution.attached: false): --mode batch cannot be submitted detached"),
                errors());
        assertFalse(Files.exists(output.getParent()), "nothing created");
    }

    @Test
    void anExistingButEmptyInputFolderIsRefusedByName() throws Exception {
        Path day = Files.createDirectories(work.resolve("predictions/dt=2026-11-27"));
        Files.writeString(day.resolve("_SUCCESS"), "");
        Files.writeString(day.resolve(".part-0.inprogress"), "{}\n");
        predictions = work.resolve("predictions");

        assertEquals(2, rerun());
        assertTrue(errors().contains("--predictions: " + predictions + " holds no input files"), errors());
        assertFalse(Files.exists(output.getParent()), "nothing created");
    }

    @Test
    void aMissingInputIsRefusedByName() throws Exception {
        outcomes = work.resolve("outcomes/dt=2026-11-27");

        assertEquals(2, rerun());
        assertTrue(errors().contains("--outcomes: " + outcomes + " does not exist"), errors());
    }

    @Test
    void anOutputFolderHoldingMoreThanDatasetsIsNeverReplaced() throws Exception {
        Files.createDirectories(output.resolve("results"));
        Files.writeString(output.resolve("notes.txt"), "mine");

        assertEquals(2, rerun());
        assertTrue(errors().contains("--output: file:" + output + " holds notes.txt, which is not one of the job's "
                + "datasets (aggregates, dead_letter, decisions, guardrails, operational, results)"), errors());
        assertEquals(List.of("notes.txt", "results"), namesIn(output));
        assertEquals(List.of("2026-11-27"), namesIn(output.getParent()));
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws Exception {
        Files.createDirectories(output.getParent());
        Files.writeString(output, "not a folder");

        assertEquals(2, rerun());
        assertTrue(errors().contains("--output: file:" + output + " is a file"), errors());
        assertEquals("not a folder", Files.readString(output));
    }

    @Test
    void aLeftoverStagingFolderIsReportedAndKept() throws Exception {
        Path leftover = Files.createDirectories(output.resolveSibling(".2026-11-27.staging-20261127T230000Z-0a0b0c"));
        Files.writeString(leftover.resolve("part.parquet"), "half");

        assertEquals(2, rerun());
        assertTrue(errors().contains("--output: file:" + leftover + " is the staging folder of a rerun into file:"
                + output + " that is still running, or stopped before it could finish or clean up"), errors());
        assertTrue(errors().contains("If no rerun into file:" + output + " is running, delete it (or rerun with "
                + "--leftovers clean)"), errors());
        assertEquals("half", Files.readString(leftover.resolve("part.parquet")));
        assertEquals(List.of(".2026-11-27.staging-20261127T230000Z-0a0b0c"), namesIn(output.getParent()));
    }

    @Test
    void aPreviousOutputLeftAsideByAnInterruptedSwapIsReportedWithWhatToDo() throws Exception {
        Path aside = Files.createDirectories(output.resolveSibling(".2026-11-27.replaced-20261127T230000Z-0a0b0c"));

        assertEquals(2, rerun());
        assertTrue(errors().contains("--output: file:" + aside + " holds the output a rerun moved aside"), errors());
        assertTrue(errors().contains("file:" + output + " is missing: move it back to file:" + output), errors());
        assertTrue(Files.isDirectory(aside));
    }

    @Test
    void anUnknownLeftoversPolicyIsABadArgument() throws Exception {
        assertEquals(2, rerun("--leftovers", "maybe"));
        assertTrue(errors().contains("--leftovers: must be refuse or clean, got maybe"), errors());
    }

    /** In an application cluster main runs in the JobManager: a refusal fails the application instead of its process. */
    @Test
    void inApplicationModeARefusalIsThrownWithItsMessageInsteadOfExitingTheJobManager() {
        Configuration application = new Configuration();
        application.set(DeploymentOptions.TARGET, "embedded");
        application.set(DeploymentOptions.ATTACHED, false);
        outcomes = work.resolve("outcomes/dt=2026-11-27");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AnalysisJob.exitOrThrow(
                new String[] {"--experiments", AnalysisJobITCase.EXPERIMENT.toString(), "--mode", "batch",
                    "--input-format", "jsonl", "--output", output.toString(), "--predictions", predictions.toString(),
                    "--outcomes", outcomes.toString()},
                new StreamExecutionEnvironment(application)));
        assertTrue(refused.getMessage().contains("--outcomes: " + outcomes + " does not exist"), refused.getMessage());
    }
}
