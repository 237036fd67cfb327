package io.abtest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMainTest {

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
    void noCommandOrAnUnknownOneIsABadCommandWithTheUsage() {
        assertEquals(2, run());
        assertTrue(errors().contains("usage: java -jar abtest-local.jar COMMAND"), errors());
        assertEquals(2, run("dmeo"));
        assertTrue(errors().contains("unknown command dmeo"), errors());
    }

    @Test
    void badDemoOptionsAreNamedAndNothingStarts() {
        assertEquals(2, run("demo", "--units", "ten", "--lift", "-2", "--parallelism", "1.5", "--colour", "red"));
        assertTrue(errors().contains("--units: must be a whole number in [100, 5000000], got ten"), errors());
        assertTrue(errors().contains("--lift: must be a number in [-0.99, 10.0], got -2"), errors());
        assertTrue(errors().contains("--parallelism: must be a whole number in [1, 64], got 1.5"), errors());
        assertTrue(errors().contains("--colour: unknown argument"), errors());
    }

    @Test
    void badAlertLatencyOptionsAreNamedAndNothingStarts() {
        assertEquals(2, run("alert-latency", "--incidents", "many", "--buffer-timeout", "-1"));
        assertTrue(errors().contains("--incidents: must be a whole number in [1, 1000], got many"), errors());
        assertTrue(errors().contains("--buffer-timeout: must be a whole number in [0, 10000], got -1"), errors());
    }

    @Test
    void aRerunOfMissingFilesFailsBeforeStartingAJob(@TempDir Path work) {
        assertEquals(2, run("rerun", "--experiments", "../deploy/experiments/minimal.yaml",
                "--predictions", work.resolve("nowhere").toString(), "--outcomes", work.toString(),
                "--output", work.resolve("out").toString()));
        assertTrue(errors().contains("--predictions: " + work.resolve("nowhere") + " does not exist"), errors());
    }

    @Test
    void aRerunWithoutItsRequiredArgumentsNamesThem() {
        assertEquals(2, run("rerun", "--experiments", "../deploy/experiments/minimal.yaml"));
        assertTrue(errors().contains("--output: required"), errors());
        assertTrue(errors().contains("--predictions: required"), errors());
        assertTrue(errors().contains("--outcomes: required"), errors());
    }

    /** A pyarrow file whose attributes nest a struct two deep: the job fails on it, naming it and the column. */
    @Test
    void aRerunOfAFileWhoseSchemaCannotBeReadNamesTheFileAndTheColumn(@TempDir Path work) throws Exception {
        Path shapes = Path.of("../jobs/src/test/resources/io/abtest/jobs/analysis/source/shapes");
        Path predictions = Files.createDirectories(work.resolve("predictions"));
        Path unreadable = predictions.resolve("day.parquet");
        Files.copy(shapes.resolve("unreadable/attributes_nested_struct.parquet"), unreadable);

        assertEquals(2, run("rerun", "--experiments", "../deploy/experiments/minimal.yaml",
                "--predictions", predictions.toString(),
                "--outcomes", shapes.resolve("traffic/map/outcomes").toString(),
                "--output", work.resolve("out").toString()));

        assertEquals("rerun: an input file cannot be read, the job failed and committed nothing\n"
                + "cannot read Parquet file file:" + unreadable.toAbsolutePath() + ": column attributes.geo is stored"
                + " as optional group geo { optional binary country (STRING); }; a map value or struct field is read"
                + " from a string, integer, floating-point, decimal or boolean\n", errors());
    }
}
