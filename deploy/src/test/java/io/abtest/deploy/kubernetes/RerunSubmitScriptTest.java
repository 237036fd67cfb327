package io.abtest.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.jobs.analysis.AnalysisJobOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rerun CronJob's submit.sh, run by sh as the CronJob's pod runs it, against a stand-in {@code kubectl} that
 * answers from files (there is no cluster here) and records what it was asked: which earlier reruns it deletes, what
 * it applies, and how the final job state becomes the pod's exit code. What the stand-in cannot show: that the real
 * kubectl's jsonpath output has the shape it prints, and BusyBox's date (the script runs GNU date here).
 */
class RerunSubmitScriptTest {

    private static final String KUBECTL = """
            #!/bin/sh
            echo "$*" >> "$STAND_IN/calls.log"
            case "$1 $2" in
              "get flinkdeployments") cat "$STAND_IN/reruns.txt" ;;
              "get flinkdeployment")
                case "$*" in
                  *status.error*) printf 'the job failed' ;;
                  *) cat "$STAND_IN/state.txt" ;;
                esac ;;
              "apply -f") cat > "$STAND_IN/applied.yaml" ;;
              "delete flinkdeployment") ;;
              *) echo "unexpected kubectl $*" >&2; exit 3 ;;
            esac
            """;

    private record Run(int exit, String output, String day) {}

    private static Run submit(Path standIn, String earlierReruns, String finalState) throws Exception {
        Files.createDirectories(standIn);
        Path kubectl = standIn.resolve("kubectl");
        Files.writeString(kubectl, KUBECTL);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(standIn.resolve("reruns.txt"), earlierReruns);
        Files.writeString(standIn.resolve("state.txt"), finalState);
        Path template = standIn.resolve("flinkdeployment.yaml");
        Files.writeString(template, KubernetesManifests.rerunTemplate());
        Path script = standIn.resolve("submit.sh");
        Files.writeString(script, KubernetesManifests.one("ConfigMap", KubernetesManifests.RERUN_TEMPLATE_CONFIGMAP)
                .tree().path("data").path("submit.sh").asText());

        String before = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        ProcessBuilder builder = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", standIn + ":" + System.getenv("PATH"));
        builder.environment().put("STAND_IN", standIn.toString());
        builder.environment().put("RERUN_TEMPLATE", template.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "submit.sh ends once the state is final");
        String after = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        String applied = Files.readString(standIn.resolve("applied.yaml"));
        String day = applied.contains("abtest-rerun-" + before) ? before : after;
        return new Run(process.exitValue(), output, day);
    }

    private static List<String> calls(Path standIn, String verb) throws IOException {
        return Files.readAllLines(standIn.resolve("calls.log")).stream().filter(c -> c.startsWith(verb)).toList();
    }

    @Test
    void appliesYesterdaysRerunDeletesEndedEarlierOnesAndSucceedsWhenItFinishes(@TempDir Path standIn)
            throws Exception {
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        Run run = submit(standIn, """
                abtest-rerun-2026-11-20 FINISHED
                abtest-rerun-2026-11-21 FAILED
                abtest-rerun-2026-11-22 RUNNING
                abtest-rerun-%s FINISHED
                """.formatted(yesterday), "FINISHED");

        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("abtest-rerun-" + run.day() + ": FINISHED"), run.output());
        assertEquals(List.of("delete flinkdeployment -n abtest abtest-rerun-2026-11-20 --wait=false",
                "delete flinkdeployment -n abtest abtest-rerun-2026-11-21 --wait=false"),
                calls(standIn, "delete"), "ended earlier reruns only: not a running one, not the day's own");

        Manifest applied = KubernetesManifests.parse(Files.readString(standIn.resolve("applied.yaml")), "applied")
                .get(0);
        assertEquals("abtest-rerun-" + run.day(), applied.name());
        assertEquals(List.of(), OperatorCrdSchema.violations(applied));
        AnalysisJobOptions options = AnalysisJobOptions.parse(applied.jobArgs().toArray(String[]::new));
        assertEquals("s3://ml-experiments/abtest-reruns/" + run.day(), options.output());
        assertEquals("s3://ml-events/predictions/dt=" + run.day(), options.predictions());
        assertEquals(Set.of("get flinkdeployment -n abtest abtest-rerun-" + run.day()
                + " -o jsonpath={.status.jobStatus.state}"), Set.copyOf(calls(standIn, "get flinkdeployment ")));
    }

    @Test
    void failsAndKeepsTheRerunWhenItsJobFails(@TempDir Path standIn) throws Exception {
        Run run = submit(standIn, "", "FAILED");

        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("abtest-rerun-" + run.day() + ": FAILED; kept for inspection"),
                run.output());
        assertTrue(run.output().contains("the job failed"), "the operator's error is printed: " + run.output());
        assertEquals(List.of(), calls(standIn, "delete"));
    }
}
