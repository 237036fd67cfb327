package io.abtest.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A pass-through HTTP proxy on 127.0.0.1 between the job and Alertmanager that timestamps every
 * {@code POST /api/v2/alerts}: the job is given this proxy's URL as {@code --alertmanager-url}, and each request is
 * forwarded unchanged (method, path, body, content type) to the real Alertmanager, whose answer goes back to the job
 * unchanged. Per alerts request it keeps the time the request had fully arrived ({@link Arrival#atDoorNanos}) and the
 * time Alertmanager's answer came back ({@link Arrival#answeredNanos}), both on {@link System#nanoTime()}.
 *
 * <p>Why a proxy rather than polling {@code GET /api/v2/alerts}: every incident of a guardrail has the same label set,
 * so Alertmanager holds one alert whose {@code startsAt} changes, and polling every 50 ms would place each arrival only
 * within 50 ms; the proxy sees each post, exactly, with the incident id in its body.
 */
final class AlertLatencyProxy implements AutoCloseable {

    static final String ALERTS_PATH = "/api/v2/alerts";

    /**
     * One alerts request.
     *
     * @param atDoorNanos when the request (headers and body) had arrived at the proxy
     * @param answeredNanos when Alertmanager's answer to the forwarded request had arrived
     * @param status Alertmanager's HTTP status, or -1 when forwarding failed
     * @param body the JSON array of alerts, as the job sent it
     */
    record Arrival(long atDoorNanos, long answeredNanos, int status, byte[] body) {}

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final URI target;
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    AlertLatencyProxy(URI alertmanager) throws IOException {
        this.target = alertmanager;
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "alert-latency-proxy");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every alerts request so far, in arrival order. */
    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long atDoor = System.nanoTime();
            String method = exchange.getRequestMethod();
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(10))
                    .method(method, body.length == 0 && !method.equals("POST") ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            int status;
            byte[] answer;
            String answerType = null;
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                answer = response.body();
                answerType = response.headers().firstValue("Content-Type").orElse(null);
            } catch (IOException e) {
                status = -1;
                answer = ("proxy: Alertmanager unreachable: " + e).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
                answer = new byte[0];
            }
            long answered = System.nanoTime();
            if (method.equals("POST") && exchange.getRequestURI().getPath().endsWith(ALERTS_PATH)) {
                arrivals.add(new Arrival(atDoor, answered, status, body));
            }
            if (answerType != null) {
                exchange.getResponseHeaders().set("Content-Type", answerType);
            }
            exchange.sendResponseHeaders(status < 0 ? 502 : status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
