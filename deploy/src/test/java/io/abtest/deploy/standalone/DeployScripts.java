package io.abtest.deploy.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the scripts of {@code deploy/standalone/} as a user would, in a child process with the given environment.
 * The repository root comes from the system property {@code abtest.root} (set by the deploy module's Surefire
 * configuration).
 */
public final class DeployScripts {

    private DeployScripts() {}

    /** The folder of the scripts, {@code ROOT/deploy/standalone}. */
    public static Path directory() {
        String root = System.getProperty("abtest.root");
        if (root == null) {
            throw new IllegalStateException("system property abtest.root (the repository root) is not set");
        }
        return Path.of(root).resolve("deploy/standalone").toAbsolutePath().normalize();
    }

    /**
     * Runs {@code deploy/standalone/SCRIPT ARGS...} and waits for it.
     *
     * @throws IllegalStateException when it runs longer than {@code timeout} (it is then destroyed)
     */
    public static ScriptResult run(String script, Map<String, String> environment, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(directory().resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + "; output so far:\n" + output.getNow("(unavailable)"));
            }
            return new ScriptResult(script + " " + String.join(" ", args), process.exitValue(),
                    output.get(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + command, e);
        }
    }

    /** {@code create-topics.sh --bootstrap-servers SERVERS ARGS...}. */
    public static ScriptResult createTopics(String bootstrapServers, String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", bootstrapServers));
        all.addAll(List.of(args));
        return run("create-topics.sh", Map.of(), Duration.ofMinutes(3), all.toArray(String[]::new));
    }

    static String readFile(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
