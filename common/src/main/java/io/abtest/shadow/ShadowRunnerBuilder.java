package io.abtest.shadow;

import io.abtest.event.PredictionEvent;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Options of a {@link ShadowRunner}, from {@link ShadowRunner#builder()}. {@link #build()} checks them all at
 * once and names every bad one in a single {@link IllegalArgumentException}.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>rule</th></tr>
 *   <tr><td>{@code experimentId}</td><td>none</td><td>required, not blank</td></tr>
 *   <tr><td>{@code champion}</td><td>none</td><td>required; variant name not blank; model version may be null</td></tr>
 *   <tr><td>{@code challenger}</td><td>none</td><td>required; variant name not blank and not the champion's</td></tr>
 *   <tr><td>{@code sink}</td><td>none</td><td>required</td></tr>
 *   <tr><td>{@code output}</td><td>no score, no label ({@link ModelOutput#NONE})</td><td>not null</td></tr>
 *   <tr><td>{@code samplingRate}</td><td>1.0 (shadow every request)</td><td>in [0, 1]</td></tr>
 *   <tr><td>{@code timeout}</td><td>1 s</td><td>&gt; 0</td></tr>
 *   <tr><td>{@code threads}</td><td>2</td><td>&gt;= 1</td></tr>
 *   <tr><td>{@code queueCapacity}</td><td>1000</td><td>&gt;= 1</td></tr>
 *   <tr><td>{@code clock}</td><td>{@link InstantSource#system()}</td><td>not null</td></tr>
 * </table>
 *
 * @param <I> model input
 * @param <O> model output
 */
public final class ShadowRunnerBuilder<I, O> {

    public static final double DEFAULT_SAMPLING_RATE = 1.0;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_THREADS = 2;
    public static final int DEFAULT_QUEUE_CAPACITY = 1000;

    private String experimentId;
    private VariantModel<I, O> champion;
    private VariantModel<I, O> challenger;
    private Function<O, ModelOutput> output = answer -> ModelOutput.NONE;
    private Consumer<PredictionEvent> sink;
    private double samplingRate = DEFAULT_SAMPLING_RATE;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int threads = DEFAULT_THREADS;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private InstantSource clock = InstantSource.system();

    ShadowRunnerBuilder() {
    }

    public ShadowRunnerBuilder<I, O> experimentId(String experimentId) {
        this.experimentId = experimentId;
        return this;
    }

    /** The model whose answer is served: its events say {@code served=true}. */
    public ShadowRunnerBuilder<I, O> champion(String variantName, String modelVersion, Function<I, O> model) {
        this.champion = new VariantModel<>(variantName, modelVersion, model);
        return this;
    }

    /** The model run in the shadow: its events say {@code served=false}. */
    public ShadowRunnerBuilder<I, O> challenger(String variantName, String modelVersion, Function<I, O> model) {
        this.challenger = new VariantModel<>(variantName, modelVersion, model);
        return this;
    }

    /** Reads score and label out of either model's answer for the events; may return null for none. */
    public ShadowRunnerBuilder<I, O> output(Function<O, ModelOutput> output) {
        this.output = output;
        return this;
    }

    /** Receives every event, from the caller's thread (champion) and from runner threads (challenger). */
    public ShadowRunnerBuilder<I, O> sink(Consumer<PredictionEvent> sink) {
        this.sink = sink;
        return this;
    }

    /** Share of requests, chosen by request id ({@link RequestSampler}), that get a shadow call. */
    public ShadowRunnerBuilder<I, O> samplingRate(double samplingRate) {
        this.samplingRate = samplingRate;
        return this;
    }

    /** How long one challenger call may run once started. */
    public ShadowRunnerBuilder<I, O> timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Challenger threads: the most challenger calls that run at once. */
    public ShadowRunnerBuilder<I, O> threads(int threads) {
        this.threads = threads;
        return this;
    }

    /** Challenger calls that may wait for a thread; beyond it shadow calls are dropped. */
    public ShadowRunnerBuilder<I, O> queueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
        return this;
    }

    /** Source of {@code event_time}. */
    public ShadowRunnerBuilder<I, O> clock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    /** @throws IllegalArgumentException naming every option that is missing or out of range */
    public ShadowRunner<I, O> build() {
        List<String> problems = new ArrayList<>();
        if (isBlank(experimentId)) {
            problems.add("experimentId is missing");
        }
        checkModel("champion", champion, problems);
        checkModel("challenger", challenger, problems);
        if (champion != null && challenger != null && champion.variant() != null
                && champion.variant().equals(challenger.variant())) {
            problems.add("challenger variant name must differ from the champion's, both are '" + champion.variant() + "'");
        }
        if (sink == null) {
            problems.add("sink is missing");
        }
        if (output == null) {
            problems.add("output is missing");
        }
        if (!(samplingRate >= 0.0 && samplingRate <= 1.0)) {
            problems.add("samplingRate must be in [0, 1], got " + samplingRate);
        }
        if (timeout == null) {
            problems.add("timeout is missing");
        } else if (timeout.isNegative() || timeout.isZero()) {
            problems.add("timeout must be > 0, got " + timeout);
        }
        if (threads < 1) {
            problems.add("threads must be >= 1, got " + threads);
        }
        if (queueCapacity < 1) {
            problems.add("queueCapacity must be >= 1, got " + queueCapacity);
        }
        if (clock == null) {
            problems.add("clock is missing");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid ShadowRunner options: " + String.join("; ", problems));
        }
        return new ShadowRunner<>(experimentId, champion, challenger, output, sink,
                samplingRate, timeout, threads, queueCapacity, clock);
    }

    private static void checkModel(String option, VariantModel<?, ?> model, List<String> problems) {
        if (model == null) {
            problems.add(option + " is missing");
            return;
        }
        if (isBlank(model.variant())) {
            problems.add(option + " variant name is missing");
        }
        if (model.function() == null) {
            problems.add(option + " model function is missing");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
