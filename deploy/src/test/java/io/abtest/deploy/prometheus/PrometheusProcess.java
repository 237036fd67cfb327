package io.abtest.deploy.prometheus;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus}, or the binary named by the environment variable
 * {@code PROMETHEUS_BIN}) as a child process on 127.0.0.1 with a given configuration file and its TSDB in a
 * directory of the test; {@link #query} asks its HTTP API ({@code GET /api/v1/query}).
 */
final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private PrometheusProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus on {@code config}; returns once {@code /-/ready} answers. */
    static PrometheusProcess start(Path config, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        int port = freePort();
        Path log = directory.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary("prometheus", "PROMETHEUS_BIN").toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        PrometheusProcess prometheus = new PrometheusProcess(process, log, port);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!prometheus.ready()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String exit = process.isAlive() ? "none" : String.valueOf(process.exitValue());
                prometheus.close();
                throw new IllegalStateException("Prometheus did not become ready (exit " + exit + "); its log:\n"
                        + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return prometheus;
    }

    /**
     * A Prometheus tool ({@code prometheus}, {@code promtool}) of the same installation.
     *
     * @throws AssertionError when there is none: the test fails rather than skips, since CI installs it
     */
    static Path binary(String name, String environmentVariable) {
        String configured = System.getenv(environmentVariable);
        if (configured != null) {
            Path path = Path.of(configured).resolveSibling(name);
            if (!Files.isExecutable(path)) {
                throw new AssertionError(environmentVariable + "=" + configured + ": no executable " + path);
            }
            return path;
        }
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed: this test runs a real Prometheus."
                        + " Install it with 'apt-get install -y prometheus' (Debian's 2.42 is enough), or set "
                        + "PROMETHEUS_BIN to a prometheus binary with promtool beside it."));
    }

    /**
     * An instant query; the value of each series it returns, by its labels ({@code {}} for a series without labels,
     * e.g. a {@code sum}). Empty when nothing matches yet.
     */
    Map<Map<String, String>, Double> query(String promql) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
            throw new IllegalStateException(promql + ": HTTP " + response.statusCode() + " " + response.body());
        }
        Map<Map<String, String>, Double> values = new LinkedHashMap<>();
        for (JsonNode series : body.path("data").path("result")) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
            values.put(labels, Double.parseDouble(series.path("value").get(1).asText()));
        }
        return values;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
