package io.abtest.deploy.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The parts of Flink's REST API (https://nightlies.apache.org/flink/flink-docs-release-2.2/docs/ops/rest_api/) the tests read. */
public final class ClusterRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ClusterRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code GET /jobs/ID}'s {@code state} (RUNNING, FINISHED, FAILED, ...), empty when the cluster does not know the job. */
    public Optional<String> jobState(String jobId) {
        return get("/jobs/" + jobId).map(job -> job.path("state").asText());
    }

    /** The resource ids of the registered TaskManagers ({@code GET /taskmanagers}). */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        get("/taskmanagers").orElseThrow(() -> new IllegalStateException("no answer from " + baseUrl + "/taskmanagers"))
                .path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
        return ids;
    }

    /** {@code GET PATH} as JSON; empty on 404. */
    public Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("GET " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }
}
