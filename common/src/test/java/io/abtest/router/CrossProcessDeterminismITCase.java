package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A second JVM, started by the test (interpreted only, unlike this one), assigns the same 10,000 units the same way. */
class CrossProcessDeterminismITCase {

    @Test
    void aSecondJvmAssignsEveryUnitTheSameVariant() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(), "-Xint",
                        "-cp", System.getProperty("java.class.path"),
                        AssignmentDump.class.getName(), "10000")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, process.exitValue());
        assertArrayEquals(AssignmentDump.dump(10_000), output.lines().toArray(String[]::new));
    }
}
