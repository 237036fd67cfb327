package io.abtest.shadow;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the champion model and, for a deterministic sample of requests, runs a challenger model on the
 * same input in the background (a "shadow" or "dark launch" deployment), recording both predictions as
 * {@link PredictionEvent}s under the same {@code request_id} for offline comparison.
 *
 * <p>The caller only ever waits for the champion: it runs on the caller's thread and its answer, or its
 * exception, goes back unchanged. The challenger runs on a fixed pool of {@code threads} threads fed by a
 * queue of {@code queueCapacity} calls; when the queue is full the shadow call is dropped and counted rather
 * than blocking the caller, so a slow challenger costs at most {@code threads} threads, never serving
 * latency. Each challenger call has its own timeout, after which its thread is interrupted and a
 * {@code timeout} event is recorded. See {@link ShadowRunnerBuilder} for the options and their defaults.
 *
 * <p>Events: the champion's with {@code served=true}, the challenger's with {@code served=false}; both carry
 * the request's unit id, request id and attributes and the {@code event_time} at which {@code predict} was
 * called, each its own random UUID {@code event_id}. {@code latency_ms} is the model call alone, measured
 * with {@link System#nanoTime()}: for the challenger from when it starts running (queue time excluded), and
 * exactly the timeout for a {@code timeout} event. The champion's event is handed to the sink on the
 * caller's thread, so the sink should not block (a Kafka producer's {@code send} does not).
 *
 * <p>Reference: C. Huyen, <i>Designing Machine Learning Systems</i>, O'Reilly 2022, ch. 9, "Shadow
 * deployment": the challenger sees production inputs without its predictions reaching users.
 *
 * @param <I> model input
 * @param <O> model output, the type the caller serves
 */
public final class ShadowRunner<I, O> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowRunner.class);

    /** Extra wait in {@link #close()} beyond one timeout, for running calls to record their events. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final VariantModel<I, O> champion;
    private final VariantModel<I, O> challenger;
    private final Function<O, ModelOutput> outputReader;
    private final RequestSampler sampler;
    private final InstantSource clock;
    private final long timeoutNanos;
    private final ShadowCounters counters = new ShadowCounters();
    private final PredictionRecorder recorder;
    private final ThreadPoolExecutor challengerThreads;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean outputFailureLogged = new AtomicBoolean();

    ShadowRunner(String experimentId, VariantModel<I, O> champion, VariantModel<I, O> challenger,
                 Function<O, ModelOutput> outputReader, Consumer<PredictionEvent> sink,
                 double samplingRate, Duration timeout, int threads, int queueCapacity, InstantSource clock) {
        this.champion = champion;
        this.challenger = challenger;
        this.outputReader = outputReader;
        this.sampler = new RequestSampler(samplingRate);
        this.clock = clock;
        this.timeoutNanos = timeout.toNanos();
        this.recorder = new PredictionRecorder(experimentId, sink, counters);
        // Workers start lazily (no prestart), so the first `threads` calls go straight to a worker and the
        // next `queueCapacity` wait in the queue: exactly threads + queueCapacity calls are in flight at most.
        this.challengerThreads = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity),
                new NamedDaemonThreads("abtest-shadow-" + experimentId + "-challenger-"),
                new ThreadPoolExecutor.AbortPolicy());
        this.timer = new ScheduledThreadPoolExecutor(1, new NamedDaemonThreads("abtest-shadow-" + experimentId + "-timeout-"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    public static <I, O> ShadowRunnerBuilder<I, O> builder() {
        return new ShadowRunnerBuilder<>();
    }

    /**
     * Returns the champion's answer to {@code input}, and schedules the challenger on it if the request id is
     * sampled. Nothing the challenger or the sink does reaches the caller.
     *
     * @param unitId randomization unit (normally the user id), not null
     * @param requestId the id outcomes join on; also decides the sampling, not null
     * @param attributes segment attributes copied into both events; null means none; no null keys or values
     * @return the champion's output, the very object its function returned
     * @throws RuntimeException whatever the champion threw, unchanged, after recording its {@code error} event
     */
    public O predict(String unitId, String requestId, Map<String, String> attributes, I input) {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(requestId, "requestId");
        ShadowRequest request = new ShadowRequest(unitId, requestId,
                attributes == null ? Map.of() : Map.copyOf(attributes), clock.millis());
        O answer = callChampion(request, input);
        shadow(request, input);
        return answer;
    }

    /** The counters so far; each field is exact, the snapshot is not atomic across fields while calls run. */
    public ShadowStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops shadowing: later {@code predict} calls still serve the champion and count their shadow call as
     * dropped. Calls still queued are discarded (counted as dropped); running calls get one timeout plus
     * {@link #CLOSE_GRACE} to finish and record, then their threads are interrupted; a timeout event being
     * recorded gets up to another {@link #CLOSE_GRACE}. So close() returns within one timeout plus two
     * seconds. Idempotent; an interrupt while waiting stops the waiting and is kept on the thread.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        challengerThreads.shutdown();
        List<Runnable> discarded = new ArrayList<>();
        challengerThreads.getQueue().drainTo(discarded);
        counters.dropped.add(discarded.size());
        try {
            if (!challengerThreads.awaitTermination(timeoutNanos + CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS)) {
                challengerThreads.shutdownNow();
            }
            timer.shutdownNow();
            timer.awaitTermination(CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            challengerThreads.shutdownNow();
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private O callChampion(ShadowRequest request, I input) {
        long start = System.nanoTime();
        O answer;
        try {
            answer = champion.function().apply(input);
        } catch (Throwable championFailure) {
            double latencyMs = (System.nanoTime() - start) / 1e6;
            counters.championErrors.increment();
            recorder.record(request, champion, true, PredictionStatus.ERROR, latencyMs, ModelOutput.NONE);
            throw championFailure;
        }
        double latencyMs = (System.nanoTime() - start) / 1e6;
        recorder.record(request, champion, true, PredictionStatus.OK, latencyMs, readChampionOutput(answer));
        return answer;
    }

    /**
     * The champion served, so its event says {@code ok} even when the output function cannot read the
     * answer; the event then has no score or label and the failure is counted, not thrown.
     */
    private ModelOutput readChampionOutput(O answer) {
        try {
            return read(outputReader, answer);
        } catch (Exception e) {
            counters.outputFailures.increment();
            if (outputFailureLogged.compareAndSet(false, true)) {
                LOG.warn("Output function failed on the champion's answer; further failures are only counted", e);
            }
            return ModelOutput.NONE;
        }
    }

    private void shadow(ShadowRequest request, I input) {
        if (!sampler.sampled(request.requestId())) {
            counters.sampledOut.increment();
            return;
        }
        try {
            challengerThreads.execute(new ChallengerCall<>(
                    request, input, challenger, outputReader, recorder, counters, timer, timeoutNanos));
            counters.submitted.increment();
        } catch (RejectedExecutionException queueFullOrClosed) {
            counters.dropped.increment();
        }
    }

    static <O> ModelOutput read(Function<O, ModelOutput> outputReader, O answer) {
        return Objects.requireNonNullElse(outputReader.apply(answer), ModelOutput.NONE);
    }
}
