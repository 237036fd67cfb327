package io.abtest.jobs.analysis.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

/**
 * The receiver Alertmanager notifies: an HTTP server on 127.0.0.1 that keeps every webhook payload
 * ({@code {"status": "firing"|"resolved", "alerts": [...], ...}}, Alertmanager's webhook format version 4).
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhook", exchange -> {
            notifications.add(JSON.readTree(exchange.getRequestBody()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
    }

    /** The alerts notified with one label value and the given status ({@code firing} or {@code resolved}). */
    public List<JsonNode> alerts(String label, String value, String status) {
        return notifications.stream()
                .flatMap(notification -> StreamSupport.stream(notification.get("alerts").spliterator(), false))
                .filter(alert -> value.equals(alert.path("labels").path(label).asText()))
                .filter(alert -> status.equals(alert.path("status").asText()))
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
