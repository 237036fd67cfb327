package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.source.MaxEventTimeSkew;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --max-event-time-skew}: its default, and bad values refused by name, with exit code 2 from main. */
class AnalysisJobSkewOptionsTest {

    private static AnalysisJobOptions parse(String... more) {
        String[] args = new String[4 + more.length];
        System.arraycopy(new String[] {"--experiments", "exp.yaml", "--output", "out"}, 0, args, 0, 4);
        System.arraycopy(more, 0, args, 4, more.length);
        return AnalysisJobOptions.parse(args);
    }

    @Test
    void theDefaultIsOneHour() {
        assertEquals(Duration.ofHours(1), parse().maxEventTimeSkew());
        assertEquals(MaxEventTimeSkew.DEFAULT, parse().maxEventTimeSkew());
    }

    @Test
    void aDurationIsTaken() {
        assertEquals(Duration.ofMinutes(5), parse("--max-event-time-skew", "5m").maxEventTimeSkew());
        assertEquals(Duration.ofDays(2), parse("--max-event-time-skew", "48h").maxEventTimeSkew());
    }

    @Test
    void negativeZeroAndUnparsableValuesAreRefusedByName() {
        for (String bad : List.of("-5m", "0s", "soon", "1 hour", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> parse("--max-event-time-skew", bad), bad);
            assertEquals("--max-event-time-skew: must be a positive duration such as 30s, 10m, 1h, got " + bad,
                    e.getMessage());
        }
    }

    /** The job's main in a child JVM (it exits the JVM): status 2 and the argument named on stderr. */
    @Test
    void mainExitsWithStatusTwoNamingTheArgument() throws Exception {
        Process process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-cp",
                        System.getProperty("java.class.path"), AnalysisJob.class.getName(),
                        "--experiments", "exp.yaml", "--output", "out", "--max-event-time-skew", "-1h")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "main did not exit");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, process.exitValue(), stderr);
        assertTrue(stderr.contains("--max-event-time-skew: must be a positive duration"), stderr);
    }
}
