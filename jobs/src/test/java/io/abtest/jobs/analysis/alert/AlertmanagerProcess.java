package io.abtest.jobs.analysis.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, or the binary named by the environment
 * variable {@code ALERTMANAGER_BIN}) as a child process on 127.0.0.1, clustering off, with a configuration that sends
 * every alert to one webhook after 1 s of grouping. {@link #stop()} ends the process; {@link #start()} starts a new
 * one on the same port and storage, as a restarted Alertmanager.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path binary;
    private final Path config;
    private final Path storage;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private AlertmanagerProcess(Path binary, Path directory, int port) {
        this.binary = binary;
        this.config = directory.resolve("alertmanager.yml");
        this.storage = directory.resolve("data");
        this.log = directory.resolve("alertmanager.log");
        this.port = port;
    }

    /** Writes the configuration and starts Alertmanager; returns once it is ready. */
    public static AlertmanagerProcess start(Path directory, URI webhook) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(binary(), directory, freePort());
        Files.writeString(alertmanager.config, """
                global:
                  resolve_timeout: 1m
                route:
                  receiver: webhook
                  group_by: [alertname, experiment_id, variant, guardrail]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: webhook
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                """.formatted(webhook));
        alertmanager.start();
        return alertmanager;
    }

    /**
     * The Alertmanager binary.
     *
     * @throws AssertionError when there is none: the test fails rather than skips, since CI installs it
     */
    public static Path binary() {
        String configured = System.getenv("ALERTMANAGER_BIN");
        if (configured != null) {
            if (!Files.isExecutable(Path.of(configured))) {
                throw new AssertionError("ALERTMANAGER_BIN=" + configured + " is not an executable file");
            }
            return Path.of(configured);
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "prometheus-alertmanager"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("prometheus-alertmanager is not installed: this test runs a "
                        + "real Alertmanager. Install it with 'apt-get install -y prometheus-alertmanager' (what "
                        + ".ci/run does on Debian), or set ALERTMANAGER_BIN to an alertmanager binary (0.25 or "
                        + "later)."));
    }

    public void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + storage,
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Alertmanager did not become ready (exit "
                        + (process.isAlive() ? "none" : process.exitValue()) + "); its log:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
    }

    /** Ends the process (SIGTERM, as systemd stops it) and waits for it. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code GET /api/v2/alerts} filtered by one label: the alerts Alertmanager holds active (not resolved). */
    public List<JsonNode> alerts(String label, String value) throws IOException, InterruptedException {
        String filter = URLEncoder.encode(label + "=\"" + value + "\"", StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url().resolve("/api/v2/alerts?filter="
                + filter)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v2/alerts: HTTP " + response.statusCode() + " " + response.body());
        }
        return List.of(JSON.readValue(response.body(), JsonNode[].class));
    }

    /** {@code POST /api/v2/alerts}; returns the status code. */
    public int post(byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url().resolve("/api/v2/alerts"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(url().resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
