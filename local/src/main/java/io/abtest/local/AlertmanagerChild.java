package io.abtest.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager as a child process on 127.0.0.1 (Debian's {@code prometheus-alertmanager} on the
 * PATH, or the binary named by {@code ALERTMANAGER_BIN}): a free port, clustering off
 * ({@code --cluster.listen-address=}), a temporary configuration that routes every alert to a receiver without
 * notifiers (the harness measures arrival, not notification), and storage and log under {@code directory}.
 * The same launch as the test suite's {@code AlertmanagerProcess}, which lives in a test jar that main code may not
 * use.
 */
final class AlertmanagerChild implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private AlertmanagerChild(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Writes the configuration, starts Alertmanager and returns once {@code GET /-/ready} answers 200. */
    static AlertmanagerChild start(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path config = directory.resolve("alertmanager.yml");
        Path log = directory.resolve("alertmanager.log");
        Files.writeString(config, """
                route:
                  receiver: nobody
                  group_by: [alertname, experiment_id, variant, guardrail]
                receivers:
                  - name: nobody
                """);
        int port = freePort();
        Process process = new ProcessBuilder(binary().toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        AlertmanagerChild alertmanager = new AlertmanagerChild(process, port, log);
        try {
            alertmanager.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            alertmanager.close();
            throw e;
        }
        return alertmanager;
    }

    /** The binary: {@code $ALERTMANAGER_BIN}, else {@code prometheus-alertmanager} on the PATH. */
    static Path binary() {
        String configured = System.getenv("ALERTMANAGER_BIN");
        if (configured != null) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new IllegalStateException("ALERTMANAGER_BIN=" + configured + " is not an executable file");
            }
            return Path.of(configured);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "prometheus-alertmanager"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("prometheus-alertmanager is not installed: install it "
                        + "with 'apt-get install -y prometheus-alertmanager', or set ALERTMANAGER_BIN to an "
                        + "Alertmanager binary (0.25 or later)"));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url().resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Alertmanager did not become ready (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); its log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the process (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
