package io.abtest.local;

import io.abtest.jobs.analysis.aggregate.UnitMetrics;
import io.abtest.jobs.analysis.alert.AlertmanagerNotifier;
import io.abtest.jobs.analysis.guardrail.GuardrailWindows;
import io.abtest.jobs.analysis.guardrail.IncidentLifecycle;
import io.abtest.jobs.analysis.guardrail.IncidentRun;
import io.abtest.jobs.analysis.guardrail.JudgedWindows;
import io.abtest.jobs.analysis.results.AnalyzeExperiment;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;

/**
 * Reads the job's metrics ({@link AlertLatencyProbe}) every {@value #INTERVAL_MICROS} µs on its own thread and
 * records, on {@link System#nanoTime()}:
 * <ul>
 *   <li>when the job's watermark passes each guardrail window's end {@code E}, that is, reaches {@code E - 1} (a
 *       window {@code [E - L, E)} is complete for Flink when the watermark is at least {@code E - 1}; the judging
 *       timer is registered there): at the sources (the minimum of the output watermarks of every subtask of both
 *       Kafka sources, which is what every downstream operator waits for), and at each subtask of the judging operator
 *       ({@value GuardrailWindows#NAME}, its input watermark);</li>
 *   <li>every change of the judging operator's {@value GuardrailWindows#WINDOWS_JUDGED} (summed over subtasks) and of
 *       the notifier's {@code numRecordsIn} ({@value AlertmanagerNotifier#NAME}: an incident, opened or resolved,
 *       reached the operator that posts it).</li>
 * </ul>
 * Each event keeps the time of the sample before the one that saw it: the event happened between the two.
 */
final class AlertLatencySampler implements AutoCloseable {

    static final long INTERVAL_MICROS = 1000;

    /** A watermark or counter change seen at {@code nanos}, not yet seen at {@code previousNanos}. */
    record Seen(long nanos, long previousNanos, long wallMillis, long value) {
        long gapNanos() {
            return nanos - previousNanos;
        }
    }

    static final String SOURCES = "sources";
    private static final String OUTPUT = "output of ";

    /**
     * Operators downstream of the judging one whose input watermark is followed too (all subtasks: the crossing is
     * when the last of them passes): the judgments' filter, whose other input is the analysis's judgments of
     * configured metrics; the analysis itself, for comparison; the CEP operator of runs of one breach; the incident
     * lifecycle.
     */
    static final String JUDGMENTS = JudgedWindows.NAME;
    static final String ANALYSIS = AnalyzeExperiment.NAME;
    static final String BREACH_RUNS = IncidentRun.BREACHES.name(1);
    static final String LIFECYCLE = IncidentLifecycle.NAME;
    static final String UNIT_METRICS = UnitMetrics.NAME;
    private static final List<String> OPERATORS = List.of(JUDGMENTS, ANALYSIS, BREACH_RUNS, LIFECYCLE, UNIT_METRICS);
    /** Operators whose output watermark is followed too: how long they hold a watermark back (their timers). */
    private static final List<String> OUTPUTS = List.of(ANALYSIS, UNIT_METRICS);

    private final long windowMillis;
    private final int parallelism;
    private final Thread thread;
    private volatile boolean running = true;

    /** Per signal (SOURCES, or the judging operator's subtask index as text): window end -> when passed. */
    private final Map<String, Map<Long, Seen>> crossings = new ConcurrentHashMap<>();
    private final Map<String, Long> passed = new ConcurrentHashMap<>();
    private final List<Seen> judgedChanges = new CopyOnWriteArrayList<>();
    private final List<Seen> notifierChanges = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> judgedBySubtask = new ConcurrentHashMap<>();
    private long lastJudged = -1;
    private volatile long lastNotified = -1;
    private long previousNanos;
    private volatile long samples;
    private volatile long maxGapNanos;
    private volatile long gapsOver5ms;

    AlertLatencySampler(long windowMillis, int parallelism) {
        this.windowMillis = windowMillis;
        this.parallelism = parallelism;
        this.thread = new Thread(this::run, "alert-latency-sampler");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
    }

    void start() {
        previousNanos = System.nanoTime();
        thread.start();
    }

    /** Whether every metric sampled is registered: the job's tasks are initialized. */
    boolean ready() {
        Map<AlertLatencyProbe.Key, Metric> metrics = AlertLatencyProbe.metrics();
        return sourceWatermarks(metrics).size() == 2 * parallelism
                && judgeWatermarks(metrics).size() == parallelism
                && counters(metrics, GuardrailWindows.NAME, GuardrailWindows.WINDOWS_JUDGED).size() == parallelism
                && counters(metrics, AlertmanagerNotifier.NAME, AlertLatencyProbe.RECORDS_IN).size() == parallelism;
    }

    private void run() {
        while (running) {
            sample();
            LockSupport.parkNanos(INTERVAL_MICROS * 1000);
        }
    }

    private void sample() {
        Map<AlertLatencyProbe.Key, Metric> metrics = AlertLatencyProbe.metrics();
        long now = System.nanoTime();
        long wall = System.currentTimeMillis();
        long gap = now - previousNanos;
        samples++;
        if (gap > maxGapNanos) {
            maxGapNanos = gap;
        }
        if (gap > 5_000_000) {
            gapsOver5ms++;
        }
        List<Long> sources = sourceWatermarks(metrics);
        if (sources.size() == 2 * parallelism) {
            cross(SOURCES, sources.stream().mapToLong(Long::longValue).min().orElseThrow(), now, wall);
        }
        judgeWatermarks(metrics).forEach((subtask, watermark) ->
                cross(Integer.toString(subtask), watermark, now, wall));
        for (String operator : OPERATORS) {
            List<Long> watermarks = watermarks(metrics, operator, AlertLatencyProbe.INPUT_WATERMARK);
            if (watermarks.size() == parallelism) {
                cross(operator, watermarks.stream().mapToLong(Long::longValue).min().orElseThrow(), now, wall);
            }
        }
        for (String operator : OUTPUTS) {
            List<Long> watermarks = watermarks(metrics, operator, AlertLatencyProbe.OUTPUT_WATERMARK);
            if (watermarks.size() == parallelism) {
                cross(OUTPUT + operator, watermarks.stream().mapToLong(Long::longValue).min().orElseThrow(), now,
                        wall);
            }
        }
        Map<Integer, Long> judged = counters(metrics, GuardrailWindows.NAME, GuardrailWindows.WINDOWS_JUDGED);
        judgedBySubtask.putAll(judged);
        long judgedSum = judged.values().stream().mapToLong(Long::longValue).sum();
        if (judgedSum != lastJudged) {
            if (lastJudged >= 0) {
                judgedChanges.add(new Seen(now, previousNanos, wall, judgedSum));
            }
            lastJudged = judgedSum;
        }
        long notified = counters(metrics, AlertmanagerNotifier.NAME, AlertLatencyProbe.RECORDS_IN).values().stream()
                .mapToLong(Long::longValue).sum();
        if (notified != lastNotified) {
            if (lastNotified >= 0) {
                notifierChanges.add(new Seen(now, previousNanos, wall, notified));
            }
            lastNotified = notified;
        }
        previousNanos = now;
    }

    /** Records every window end the watermark has newly reached (end - 1), after the first valid reading. */
    private void cross(String signal, long watermark, long now, long wall) {
        if (watermark <= 0 || watermark == Long.MAX_VALUE) {
            return;
        }
        long ends = Math.floorDiv(watermark + 1, windowMillis);
        Long before = passed.put(signal, ends);
        if (before == null || ends <= before) {
            return;
        }
        Map<Long, Seen> bySignal = crossings.computeIfAbsent(signal, s -> new ConcurrentHashMap<>());
        for (long k = Math.max(before + 1, ends - 10_000); k <= ends; k++) {
            bySignal.put(k * windowMillis, new Seen(now, previousNanos, wall, watermark));
        }
    }

    private static List<Long> sourceWatermarks(Map<AlertLatencyProbe.Key, Metric> metrics) {
        List<Long> watermarks = new ArrayList<>();
        metrics.forEach((key, metric) -> {
            if (key.metric().equals(AlertLatencyProbe.OUTPUT_WATERMARK)
                    && (key.operator().endsWith("Kafka " + KafkaEventSources.PREDICTIONS_TOPIC)
                        || key.operator().endsWith("Kafka " + KafkaEventSources.OUTCOMES_TOPIC))
                    && metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
                watermarks.add(value.longValue());
            }
        });
        return watermarks;
    }

    private static List<Long> watermarks(Map<AlertLatencyProbe.Key, Metric> metrics, String operator,
            String name) {
        List<Long> watermarks = new ArrayList<>();
        metrics.forEach((key, metric) -> {
            if (key.metric().equals(name) && key.operator().equals(operator)
                    && metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
                watermarks.add(value.longValue());
            }
        });
        return watermarks;
    }

    private static Map<Integer, Long> judgeWatermarks(Map<AlertLatencyProbe.Key, Metric> metrics) {
        Map<Integer, Long> watermarks = new java.util.HashMap<>();
        metrics.forEach((key, metric) -> {
            if (key.metric().equals(AlertLatencyProbe.INPUT_WATERMARK) && key.operator().equals(GuardrailWindows.NAME)
                    && metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
                watermarks.put(key.subtask(), value.longValue());
            }
        });
        return watermarks;
    }

    private static Map<Integer, Long> counters(Map<AlertLatencyProbe.Key, Metric> metrics, String operator,
            String name) {
        Map<Integer, Long> counts = new java.util.HashMap<>();
        metrics.forEach((key, metric) -> {
            if (key.metric().equals(name) && key.operator().equals(operator) && metric instanceof Counter counter) {
                counts.put(key.subtask(), counter.getCount());
            }
        });
        return counts;
    }

    /** When the sources' (minimum) watermark reached {@code end - 1}, or null. */
    Seen sourcesPassed(long end) {
        return crossings.getOrDefault(SOURCES, Map.of()).get(end);
    }

    /** When every subtask of one of {@link #OPERATORS} had its input watermark pass {@code end - 1}, or null. */
    Seen operatorPassed(String operator, long end) {
        return crossings.getOrDefault(operator, Map.of()).get(end);
    }

    /** When every subtask of one of {@link #OUTPUTS} had emitted a watermark past {@code end - 1}, or null. */
    Seen operatorEmitted(String operator, long end) {
        return crossings.getOrDefault(OUTPUT + operator, Map.of()).get(end);
    }

    /** When the judging subtask that holds the experiment (the one that judged windows) saw its watermark pass. */
    Seen judgePassed(long end) {
        int owner = judgedBySubtask.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                .findFirst().orElse(-1);
        return crossings.getOrDefault(Integer.toString(owner), Map.of()).get(end);
    }

    /** The first change of windows judged seen at or after {@code nanos}, or null. */
    Seen judgedAtOrAfter(long nanos) {
        return firstAtOrAfter(judgedChanges, nanos);
    }

    /** The first incident reaching the notifier seen at or after {@code nanos}, or null. */
    Seen notifiedAtOrAfter(long nanos) {
        return firstAtOrAfter(notifierChanges, nanos);
    }

    private static Seen firstAtOrAfter(List<Seen> changes, long nanos) {
        for (Seen change : changes) {
            if (change.nanos() >= nanos) {
                return change;
            }
        }
        return null;
    }

    long samples() {
        return samples;
    }

    long maxGapNanos() {
        return maxGapNanos;
    }

    long gapsOver5ms() {
        return gapsOver5ms;
    }

    long incidentsNotified() {
        return Math.max(0, lastNotified);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
