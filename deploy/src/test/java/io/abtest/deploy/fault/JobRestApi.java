package io.abtest.deploy.fault;

import com.fasterxml.jackson.databind.JsonNode;
import io.abtest.deploy.standalone.ClusterRest;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** What the tests read from Flink's REST API about one job: its state, its checkpoints and its failures. */
final class JobRestApi {

    private final ClusterRest rest;
    private final String jobId;

    JobRestApi(ClusterRest rest, String jobId) {
        this.rest = rest;
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /** {@code GET /jobs/:id}: {@code RUNNING}, {@code RESTARTING}, {@code FINISHED}, {@code FAILED}... */
    String state() {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** {@code GET /jobs/:id/checkpoints}: {@code counts.completed}. */
    long completedCheckpoints() {
        return checkpoints().path("counts").path("completed").asLong();
    }

    /**
     * {@code GET /jobs/:id/checkpoints}: {@code latest.restored}, the checkpoint or savepoint the job last restored
     * its state from (a missing node when it never restored).
     */
    JsonNode restored() {
        return checkpoints().path("latest").path("restored");
    }

    /** {@code GET /jobs/:id/checkpoints}: {@code counts.restored}, how often the job restored its state. */
    long restoreCount() {
        return checkpoints().path("counts").path("restored").asLong();
    }

    /** {@code GET /jobs/:id/exceptions}: the failures the job went through (each one a restart or the end). */
    JsonNode exceptionHistory() {
        return get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries");
    }

    /** Waits for the job to reach {@code FINISHED}; any other terminal state fails with the job's exceptions. */
    void awaitFinished(Duration timeout) throws InterruptedException {
        await("job " + jobId + " to finish", timeout, () -> {
            String state = state();
            if (state.equals("FAILED") || state.equals("CANCELED")) {
                throw new AssertionError("job " + jobId + " ended " + state + ": " + exceptionHistory());
            }
            return state.equals("FINISHED");
        });
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    private JsonNode checkpoints() {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    private JsonNode get(String path) {
        return rest.get(path).orElseThrow(() -> new IllegalStateException("GET " + path + ": the cluster does not "
                + "know job " + jobId));
    }
}
