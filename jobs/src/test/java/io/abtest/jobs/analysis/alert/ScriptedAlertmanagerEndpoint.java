package io.abtest.jobs.analysis.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.StreamSupport;

/**
 * An HTTP endpoint at {@code /api/v2/alerts} on 127.0.0.1 that records each posted body and answers with scripted
 * status codes (200 once the script is used up): what the notifier's schedule is tested against, since a real
 * Alertmanager cannot be told to answer 503. {@link #stop()} closes the port, so connections are refused;
 * {@link #start()} opens the same port again.
 */
final class ScriptedAlertmanagerEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private int port;
    private HttpServer server;
    private volatile CountDownLatch held = new CountDownLatch(0);

    private ScriptedAlertmanagerEndpoint(int port) {
        this.port = port;
    }

    static ScriptedAlertmanagerEndpoint answering(Integer... statuses) {
        ScriptedAlertmanagerEndpoint endpoint = new ScriptedAlertmanagerEndpoint(0);
        endpoint.answer(statuses);
        endpoint.start();
        return endpoint;
    }

    /** An endpoint whose port is free but not listening yet. */
    static ScriptedAlertmanagerEndpoint stopped() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ScriptedAlertmanagerEndpoint(socket.getLocalPort());
        }
    }

    synchronized void answer(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    /** Answers nothing until {@link #releaseAnswers()}: the request in flight stays in flight. */
    void holdAnswers() {
        held = new CountDownLatch(1);
    }

    void releaseAnswers() {
        held.countDown();
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v2/alerts", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        server.stop(0);
    }

    synchronized URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Each posted array of alerts, in arrival order. */
    List<JsonNode> posts() {
        return List.copyOf(posts);
    }

    /** The alerts of the posts, in arrival order. */
    List<JsonNode> alerts() {
        return posts.stream().flatMap(post -> StreamSupport.stream(post.spliterator(), false)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        posts.add(JSON.readTree(exchange.getRequestBody()));
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int status;
        synchronized (this) {
            status = statuses.isEmpty() ? 200 : statuses.poll();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        releaseAnswers();
        if (server != null) {
            server.stop(0);
        }
    }
}
