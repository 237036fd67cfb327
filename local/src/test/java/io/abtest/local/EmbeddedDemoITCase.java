package io.abtest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.sink.ParquetDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, smaller than its default: a real broker, a mini cluster, the latency fault's alert, STOPPED
 * record and routing to the control, Parquet read back (every dataset, guardrails/ included, holds rows).
 */
class EmbeddedDemoITCase {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theDemoRunsEndToEndAndChecksItsOwnCounts(@TempDir Path output) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LocalMain.run(List.of("demo", "--units", "2000", "--output", output.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);

        assertEquals(0, exit, printed + err.toString(StandardCharsets.UTF_8));
        for (String step : List.of("[1/5] synthetic traffic", "[2/5] Kafka broker", "[3/5] streaming analysis job",
                "[4/5] the latency fault", "alert on ab.alerts", "STOPPED record on ab.control",
                "the router now sends 10,000 new units to {champion=10000}", "[5/5] results", "decision at ",
                ": STOP (challenger)", "guardrails/: ", "dead letters: ", "late records dead-lettered: ")) {
            assertTrue(printed.contains(step), step + " in:\n" + printed);
        }
        for (ParquetDataset<?> dataset : ParquetDataset.all()) {
            assertTrue(new ParquetFolder(output.resolve(dataset.name())).rows().size() > 0, dataset.name());
        }
        assertTrue(Files.exists(output.resolve("experiment.yaml")));
    }
}
