package io.abtest.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.analysis.guardrail.GuardrailWindows;
import io.abtest.jobs.analysis.results.AnalyzeExperiment;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code alert-latency}: how long after the watermark passes a breaching guardrail window's end its alert reaches
 * Alertmanager, on the embedded run. Target: p99 under 5 s over at least 20 incidents.
 *
 * <ol>
 *   <li>starts the embedded Kafka broker (KRaft), a real Alertmanager as a child process ({@link AlertmanagerChild})
 *       and, in front of it, a timing proxy ({@link AlertLatencyProxy});</li>
 *   <li>runs the streaming analysis job (unbounded) on a Flink mini cluster with {@code --alertmanager-url} pointing
 *       at the proxy, and a metric reporter ({@link AlertLatencyProbe}) read every millisecond by
 *       {@link AlertLatencySampler};</li>
 *   <li>publishes synthetic traffic in real time (event time = wall clock) whose challenger is slow in every other
 *       guardrail window ({@link AlertLatencyExperiment}): each slow window opens an incident, the next resolves
 *       it;</li>
 *   <li>per incident, from the alert posts the proxy saw (the first firing post of each incident id) and the
 *       sampled metrics, the time from the sources' watermark passing the window's end to Alertmanager's answer, and
 *       the stages in between ({@link AlertLatencyReport}).</li>
 * </ol>
 * Exit 0 when at least 20 incidents were measured, none went missing and the p99 is under 5 s; 1 otherwise, saying
 * why; 2 on bad options.
 */
final class AlertLatency {

    static final String GROUP_ID = "abtest-alert-latency";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Traffic starts at the first window boundary this long after the job's tasks are ready. */
    static final Duration LEAD = Duration.ofSeconds(3);
    /** How long to wait for the last alerts after the traffic ends. */
    static final Duration DRAIN = Duration.ofSeconds(15);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    static final Duration ANALYSIS_WINDOW = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLatency() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        AlertLatencyOptions options;
        try {
            options = AlertLatencyOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("alert-latency: " + e.getMessage());
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        try {
            long started = System.nanoTime();
            List<String> problems = run(options, out);
            out.printf("%nalert-latency finished in %d s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            problems.forEach(p -> err.println("alert-latency: FAILED: " + p));
            return problems.isEmpty() ? LocalMain.EXIT_OK : LocalMain.EXIT_FAILED;
        } catch (Exception e) {
            err.println("alert-latency failed: " + e);
            e.printStackTrace(err);
            return LocalMain.EXIT_FAILED;
        }
    }

    private static List<String> run(AlertLatencyOptions options, PrintStream out) throws Exception {
        Files.createDirectories(options.output());
        ExperimentCatalog catalog = AlertLatencyExperiment.catalog(options);
        Path experimentFile = options.output().resolve(AlertLatencyExperiment.ID + ".yaml");
        Files.writeString(experimentFile, AlertLatencyExperiment.yaml(options));
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            out.printf("machine: %s%n", machine());
            out.printf("[1/5] Kafka broker (KRaft, in this JVM) at %s%n", broker.bootstrapServers());
            broker.createTopic(KafkaEventSources.PREDICTIONS_TOPIC, 2, Map.of());
            broker.createTopic(KafkaEventSources.OUTCOMES_TOPIC, 2, Map.of());
            broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
            broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
            try (AlertmanagerChild alertmanager = AlertmanagerChild.start(options.output().resolve("alertmanager"));
                    AlertLatencyProxy proxy = new AlertLatencyProxy(alertmanager.url());
                    AlertLatencySampler sampler = new AlertLatencySampler(options.guardrailWindow().toMillis(),
                            options.parallelism())) {
                out.printf("[2/5] Alertmanager %s (child process, %s), behind the timing proxy %s%n",
                        alertmanager.url(), AlertmanagerChild.binary(), proxy.url());
                JobClient job = startJob(options, catalog, experimentFile, broker.bootstrapServers(), proxy, sampler,
                        out);
                try {
                    return measure(options, catalog, broker.bootstrapServers(), proxy, sampler, out);
                } finally {
                    cancel(job);
                }
            }
        }
    }

    /** Cancels the job and waits for it to end, so that its notifier stops before the proxy does. */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // a cancelled job's result is a failure: expected
        }
    }

    /**
     * Sets the buffer timeout of the operators that emit on the guardrail path, which carry few records (a judgment
     * per guardrail, variant and window; an analysis point's rows; incidents) besides the watermarks, and returns
     * their names. Flink takes an edge's buffer timeout from the operator that emits on it.
     */
    static List<String> setGuardrailPathBufferTimeout(StreamExecutionEnvironment env, long millis) {
        java.util.Set<org.apache.flink.api.dag.Transformation<?>> all = new java.util.LinkedHashSet<>();
        for (org.apache.flink.api.dag.Transformation<?> sink : env.getTransformations()) {
            all.add(sink);
            all.addAll(sink.getTransitivePredecessors());
        }
        List<String> changed = new ArrayList<>();
        for (org.apache.flink.api.dag.Transformation<?> transformation : all) {
            String name = transformation.getName();
            if (GUARDRAIL_PATH.stream().anyMatch(name::startsWith)) {
                transformation.setBufferTimeout(millis);
                changed.add(name);
            }
        }
        return changed.stream().distinct().sorted().toList();
    }

    /** The prefixes of the names of the operators {@link #setGuardrailPathBufferTimeout} changes. */
    static final List<String> GUARDRAIL_PATH = List.of(GuardrailWindows.NAME, AnalyzeExperiment.NAME, "Guardrail");

    /** The machine and its load, for the record: these numbers depend on both. */
    static String machine() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            load = fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min)";
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return String.format(Locale.ROOT, "%d cores, Java %s, load average %s", Runtime.getRuntime()
                .availableProcessors(), System.getProperty("java.version"), load);
    }

    private static JobClient startJob(AlertLatencyOptions options, ExperimentCatalog catalog, Path experimentFile,
            String bootstrapServers, AlertLatencyProxy proxy, AlertLatencySampler sampler, PrintStream out)
            throws Exception {
        Path output = options.output().resolve("job");
        AnalysisJobOptions jobOptions = AnalysisJobOptions.parse(
                "--experiments", experimentFile.toString(),
                "--output", output.toString(),
                "--mode", "streaming",
                "--bootstrap-servers", bootstrapServers,
                "--group-id", GROUP_ID,
                "--bounded", "false",
                "--window", ANALYSIS_WINDOW.toSeconds() + "s",
                "--out-of-orderness", options.outOfOrderness().toMillis() + "ms",
                "--checkpoint-interval", options.checkpointInterval().toMillis() + "ms",
                "--checkpoint-dir", output.resolve("checkpoints").toUri().toString(),
                "--alertmanager-url", proxy.url().toString(),
                "--alert-resend-interval", options.resendInterval().toMillis() + "ms");
        Configuration configuration = new Configuration();
        AlertLatencyProbe.enable(configuration);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism(),
                configuration);
        if (options.bufferTimeoutMs() != null) {
            env.setBufferTimeout(options.bufferTimeoutMs());
        }
        AnalysisJob.build(env, catalog, jobOptions);
        out.printf("[3/5] streaming analysis job on a Flink mini cluster: parallelism %d, unbounded, out-of-orderness "
                + "%d ms, watermark interval %d ms, network buffer timeout %d ms, checkpoints every %d ms, analysis "
                + "window %d s, alerts re-sent every %d ms%n", options.parallelism(),
                options.outOfOrderness().toMillis(), env.getConfig().getAutoWatermarkInterval(),
                env.getBufferTimeout(), options.checkpointInterval().toMillis(), ANALYSIS_WINDOW.toSeconds(),
                options.resendInterval().toMillis());
        if (options.guardrailPathBufferTimeoutMs() != null) {
            List<String> changed = setGuardrailPathBufferTimeout(env, options.guardrailPathBufferTimeoutMs());
            out.printf("      what-if: network buffer timeout %d ms on the outputs of %s%n",
                    options.guardrailPathBufferTimeoutMs(), changed);
        }
        JobClient job = env.executeAsync(AnalysisJob.name(jobOptions) + " for alert-latency");
        sampler.start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!sampler.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job's tasks did not start within " + READY_TIMEOUT
                        + "; metrics seen: " + AlertLatencyProbe.metrics().keySet());
            }
            if (job.getJobExecutionResult().isDone()) {
                job.getJobExecutionResult().get();
                throw new IllegalStateException("the job ended before its tasks were ready");
            }
            Thread.sleep(100);
        }
        out.printf("      tasks running; metrics sampled every %d µs%n", AlertLatencySampler.INTERVAL_MICROS);
        return job;
    }

    private static List<String> measure(AlertLatencyOptions options, ExperimentCatalog catalog,
            String bootstrapServers, AlertLatencyProxy proxy, AlertLatencySampler sampler, PrintStream out)
            throws Exception {
        AlertLatencyExperiment plan = new AlertLatencyExperiment(options, Instant.now().plus(LEAD));
        long generating = System.nanoTime();
        SyntheticTraffic traffic = SyntheticTraffic.generate(catalog.config(AlertLatencyExperiment.ID),
                plan.traffic());
        out.printf("[4/5] real-time traffic from %s to %s (%d s; generated in %d ms): %,d records, about %d served "
                + "predictions/s per variant, outcomes for %.0f%% of them; the challenger %.0f ms slower in %d "
                + "window(s) of %d ms after every %d healthy one(s), %d times, after %d warm-up windows%n",
                plan.start(), plan.end(), plan.duration().toSeconds(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - generating), traffic.size(), options.rate(),
                100 * AlertLatencyExperiment.OUTCOME_RATE, options.extraLatencyMs(), options.faultWindows(),
                options.guardrailWindow().toMillis(), options.healthyWindows(), options.incidents(),
                AlertLatencyExperiment.WARM_UP_WINDOWS);
        List<Long> expected = plan.expectedIncidentEnds();
        try (AlertLatencyPublisher publisher = new AlertLatencyPublisher(bootstrapServers)) {
            CompletableFuture<Void> publishing = new CompletableFuture<>();
            Thread publisherThread = new Thread(() -> {
                try {
                    publisher.publish(traffic);
                    publishing.complete(null);
                } catch (InterruptedException | RuntimeException e) {
                    publishing.completeExceptionally(e);
                }
            }, "alert-latency-publisher");
            publisherThread.setDaemon(true);
            publisherThread.start();
            long started = System.nanoTime();
            long nextProgress = started + PROGRESS_EVERY.toNanos();
            long drainDeadline = Long.MAX_VALUE;
            try {
                while (true) {
                    if (publishing.isDone() && drainDeadline == Long.MAX_VALUE) {
                        publishing.join();
                        drainDeadline = System.nanoTime() + DRAIN.toNanos();
                    }
                    if (System.nanoTime() > drainDeadline || (publishing.isDone()
                            && firstFirings(proxy).keySet().containsAll(expected))) {
                        break;
                    }
                    Thread.sleep(200);
                    long elapsed = System.nanoTime() - started;
                    if (System.nanoTime() >= nextProgress) {
                        nextProgress += PROGRESS_EVERY.toNanos();
                        out.printf("  %4ds  published %,d records (lag p99 %d ms), incidents at the notifier %d, alert "
                                + "posts %d, incidents alerted %d of %d%n", TimeUnit.NANOSECONDS.toSeconds(elapsed),
                                publisher.published(), publisher.lagPercentileMs(99), sampler.incidentsNotified(),
                                proxy.arrivals().size(), firstFirings(proxy).size(), expected.size());
                    }
                }
            } finally {
                publisher.stop();
                publisherThread.join(5_000);
            }
            out.printf("      published %,d records; publishing lag behind event time p50 %d ms, p99 %d ms, "
                    + "max %s ms%n", publisher.published(), publisher.lagPercentileMs(50),
                    publisher.lagPercentileMs(99), publisher.lagPercentileMs(100) >= 1000 ? ">= 1000"
                            : Long.toString(publisher.lagPercentileMs(100)));
        }
        return report(options, expected, traffic, proxy, sampler, out);
    }

    private static List<String> report(AlertLatencyOptions options, List<Long> expected, SyntheticTraffic traffic,
            AlertLatencyProxy proxy, AlertLatencySampler sampler, PrintStream out) throws IOException {
        Map<Long, AlertLatencyProxy.Arrival> firings = firstFirings(proxy);
        List<AlertLatencyProxy.Arrival> posts = proxy.arrivals();
        long rejected = posts.stream().filter(a -> a.status() < 200 || a.status() >= 300).count();
        TreeSet<Long> ends = new TreeSet<>(firings.keySet());
        List<Long> missing = expected.stream().filter(end -> !firings.containsKey(end)).toList();
        List<Long> extra = firings.keySet().stream().filter(end -> !expected.contains(end)).toList();
        List<AlertLatencyReport.Incident> incidents = new ArrayList<>();
        for (long end : ends) {
            incidents.add(incident(end, firings.get(end), sampler, options.outOfOrderness().toMillis()));
        }
        out.printf("%nmachine after the run: %s%n", machine());
        out.printf("[5/5] alert latency: the watermark passing a breaching window's end -> the alert at "
                + "Alertmanager (%d alert posts seen, %d not answered 2xx; sampler: %,d samples, largest gap "
                + "%.1f ms, %d gaps over 5 ms)%n", posts.size(), rejected, sampler.samples(),
                sampler.maxGapNanos() / 1e6, sampler.gapsOver5ms());
        out.printf("incidents: %d scheduled, %d alerted and measured, %d missing%s, %d not scheduled (false "
                + "breaches)%n%n", expected.size(), incidents.size(), missing.size(),
                missing.isEmpty() ? "" : " " + missing.stream().map(Instant::ofEpochMilli).toList(), extra.size());
        out.print(AlertLatencyReport.perIncident(incidents));
        out.println();
        out.print(AlertLatencyReport.table(incidents));
        printAnalysisPoints(incidents, traffic, sampler, out);
        AlertLatencyReport.Stats total = AlertLatencyReport.Stats.of(incidents, AlertLatencyReport.Incident::totalMs);
        out.printf(Locale.ROOT, "%nRESULT: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d incidents (nearest rank; "
                + "target: p99 under %d ms)%n", total.p50(), total.p99(), total.max(), total.n(),
                AlertLatencyReport.TARGET.toMillis());
        return AlertLatencyReport.problems(incidents, missing.size());
    }

    /**
     * One incident's stages, from the sampled metrics and the proxy's first firing post. Each sampled event is
     * matched to the first of its kind at or after the sample before the previous stage's event, so that two events
     * seen in one sample (a timer fires as the watermark arrives) keep their order.
     */
    private static AlertLatencyReport.Incident incident(long end, AlertLatencyProxy.Arrival arrival,
            AlertLatencySampler sampler, long outOfOrdernessMillis) {
        AlertLatencySampler.Seen sources = sampler.sourcesPassed(end);
        AlertLatencySampler.Seen judge = sampler.judgePassed(end);
        AlertLatencySampler.Seen judged = judge == null ? null : sampler.judgedAtOrAfter(judge.previousNanos());
        AlertLatencySampler.Seen judgments = sampler.operatorPassed(AlertLatencySampler.JUDGMENTS, end);
        AlertLatencySampler.Seen runs = sampler.operatorPassed(AlertLatencySampler.BREACH_RUNS, end);
        AlertLatencySampler.Seen lifecycle = sampler.operatorPassed(AlertLatencySampler.LIFECYCLE, end);
        AlertLatencySampler.Seen notified = lifecycle == null ? null
                : sampler.notifiedAtOrAfter(lifecycle.previousNanos());
        AlertLatencySampler.Seen analysis = sampler.operatorPassed(AlertLatencySampler.ANALYSIS, end);
        Long[] times = {
            nanos(sources), nanos(judge), nanos(judged), nanos(judgments), nanos(runs), nanos(lifecycle),
            nanos(notified), arrival.atDoorNanos(), arrival.answeredNanos()};
        List<Double> stages = new ArrayList<>();
        for (int i = 1; i < times.length; i++) {
            stages.add(times[i] == null || times[i - 1] == null ? Double.NaN : ms(times[i] - times[i - 1]));
        }
        double total = sources == null ? Double.NaN : ms(arrival.answeredNanos() - sources.previousNanos());
        double error = sources == null ? Double.NaN : ms(sources.gapNanos());
        double analysisAfterJudge = analysis == null || judge == null ? Double.NaN
                : ms(analysis.nanos() - judge.nanos());
        double lag = sources == null ? Double.NaN : sources.wallMillis() - (end + outOfOrdernessMillis);
        return new AlertLatencyReport.Incident(Instant.ofEpochMilli(end), stages, total, error, analysisAfterJudge,
                lag);
    }

    /**
     * The incidents whose window ends as an analysis window closes (its end plus the allowed lateness): the watermark
     * that passes the guardrail window's end also fires the analysis point, that is, one {@code UnitMetrics} timer
     * per unit active in the analysis window and then {@code AnalyzeExperiment}'s analysis, and both operators pass the
     * watermark on only after that work. The judgments' operator, whose other input is the analysis, waits for it.
     */
    private static void printAnalysisPoints(List<AlertLatencyReport.Incident> incidents, SyntheticTraffic traffic,
            AlertLatencySampler sampler, PrintStream out) {
        long window = ANALYSIS_WINDOW.toMillis();
        long lateness = AlertLatencyExperiment.ALLOWED_LATENESS.toMillis();
        Map<Long, java.util.Set<String>> unitsByClose = new java.util.HashMap<>();
        traffic.records().forEach(r -> unitsByClose.computeIfAbsent(
                Math.floorDiv(r.eventTime(), window) * window + window + lateness, c -> new java.util.HashSet<>())
                .add(r.unitId()));
        List<AlertLatencyReport.Incident> onAnalysis = new ArrayList<>();
        List<AlertLatencyReport.Incident> others = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (AlertLatencyReport.Incident incident : incidents) {
            long end = incident.windowEnd().toEpochMilli();
            if (Math.floorMod(end - lateness, window) != 0) {
                others.add(incident);
                continue;
            }
            onAnalysis.add(incident);
            lines.append(String.format(Locale.ROOT, "  %-24s %6d %18.1f %18.1f %8.1f %8.1f%n", incident.windowEnd(),
                    unitsByClose.getOrDefault(end, java.util.Set.of()).size(),
                    held(sampler.operatorPassed(AlertLatencySampler.UNIT_METRICS, end),
                            sampler.operatorEmitted(AlertLatencySampler.UNIT_METRICS, end)),
                    held(sampler.operatorPassed(AlertLatencySampler.ANALYSIS, end),
                            sampler.operatorEmitted(AlertLatencySampler.ANALYSIS, end)),
                    incident.stageMs(2), incident.totalMs()));
        }
        out.printf("%nincidents whose window ends as an analysis window closes (every %d s, %d s after the end of a "
                + "%d s analysis window):%n", window / 1000, lateness / 1000, window / 1000);
        out.printf("  %-24s %6s %18s %18s %8s %8s%n", "window end (UTC)", "units", "UnitMetrics held", "analysis held",
                "3.", "TOTAL");
        out.print(lines);
        for (var group : List.of(Map.entry("on an analysis point", onAnalysis), Map.entry("the others", others))) {
            AlertLatencyReport.Stats stage3 = AlertLatencyReport.Stats.of(group.getValue(), i -> i.stageMs(2));
            AlertLatencyReport.Stats total = AlertLatencyReport.Stats.of(group.getValue(),
                    AlertLatencyReport.Incident::totalMs);
            out.printf(Locale.ROOT, "  %-22s n %2d: stage 3 p50 %6.1f max %6.1f ms; TOTAL p50 %6.1f max %6.1f ms%n",
                    group.getKey(), total.n(), stage3.p50(), stage3.max(), total.p50(), total.max());
        }
        out.println("  (held: the operator's output watermark passed the end this long after its input watermark "
                + "did, all subtasks; units: units with events in the closing analysis window, each a UnitMetrics "
                + "timer)");
    }

    private static double held(AlertLatencySampler.Seen in, AlertLatencySampler.Seen emitted) {
        return in == null || emitted == null ? Double.NaN : ms(emitted.nanos() - in.nanos());
    }

    private static Long nanos(AlertLatencySampler.Seen seen) {
        return seen == null ? null : seen.nanos();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * The first post of each incident's firing alert that Alertmanager took, by the end of the window that opened it
     * ({@code startsAt}). Every incident of the guardrail has the same labels; the firing and the resolved alert tell
     * themselves apart by their summary ("breached" or "recovered on").
     */
    static Map<Long, AlertLatencyProxy.Arrival> firstFirings(AlertLatencyProxy proxy) {
        Map<Long, AlertLatencyProxy.Arrival> first = new TreeMap<>();
        for (AlertLatencyProxy.Arrival arrival : proxy.arrivals()) {
            if (arrival.status() < 200 || arrival.status() >= 300) {
                continue;
            }
            JsonNode alerts;
            try {
                alerts = JSON.readTree(arrival.body());
            } catch (IOException e) {
                continue;
            }
            for (JsonNode alert : alerts) {
                boolean firing = alert.path("annotations").path("summary").asText().contains(" breached guardrail ");
                if (firing && alert.path("labels").path("experiment_id").asText().equals(AlertLatencyExperiment.ID)) {
                    first.putIfAbsent(Instant.parse(alert.path("startsAt").asText()).toEpochMilli(), arrival);
                }
            }
        }
        return first;
    }
}
