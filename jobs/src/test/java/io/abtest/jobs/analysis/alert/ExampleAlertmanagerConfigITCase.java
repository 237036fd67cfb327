package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operators' example {@code deploy/alertmanager/alertmanager.yml} stays valid and routes the job's alerts by
 * severity, checked with Alertmanager's own {@code amtool} (installed with {@code prometheus-alertmanager}).
 */
class ExampleAlertmanagerConfigITCase {

    private static final Path CONFIG = Path.of("..", "deploy", "alertmanager", "alertmanager.yml");

    @Test
    void isValidAndRoutesGuardrailAlertsBySeverity() throws Exception {
        assertEquals(0, amtool("check-config", CONFIG.toString()).exitCode());

        assertEquals("abtest-pager", route("severity=critical"));
        assertEquals("abtest-chat", route("severity=warning"));
        assertEquals("abtest-chat", route("severity=info"));
    }

    private static String route(String severity) throws Exception {
        Result result = amtool("config", "routes", "test", "--config.file=" + CONFIG,
                "alertname=" + AlertTemplate.ALERTNAME, severity, "experiment_id=ranker-v2", "variant=challenger",
                "guardrail=latency-p99");
        assertEquals(0, result.exitCode(), result.output());
        return result.output().lines().filter(line -> !line.startsWith("Warning:")).findFirst().orElse("").strip();
    }

    private record Result(int exitCode, String output) {}

    private static Result amtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(AlertmanagerProcess.binary().resolveSibling("amtool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("amtool did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
