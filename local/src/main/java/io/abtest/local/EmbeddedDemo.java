package io.abtest.local;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.control.ControlTopicListener;
import io.abtest.embedded.EmbeddedKafkaBroker;
import io.abtest.event.RejectReason;
import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.alert.AlertOptions;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.LatencyFault;
import io.abtest.jobs.synthetic.SyntheticSummary;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import io.abtest.jobs.synthetic.Truth;
import io.abtest.jobs.synthetic.VariantCounts;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code demo}: the whole product on this machine. Starts a real Kafka broker (KRaft, on 127.0.0.1), creates the
 * topics, publishes synthetic traffic with a known effect ({@link DemoExperiment}), runs the streaming analysis job
 * on a Flink mini cluster until it has consumed that traffic, then prints the results and the decision read back
 * from the Parquet files. It checks what it can know in advance (every malformed record dead-lettered with its
 * reason, results and a decision written) and fails otherwise, so it doubles as a smoke test. The broker and the cluster stop before it returns.
 */
final class EmbeddedDemo {

    static final String GROUP_ID = "abtest-demo";
    static final String CHECKPOINT_INTERVAL = "2s";

    private EmbeddedDemo() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        try {
            long started = System.nanoTime();
            List<String> problems = run(options, out);
            out.printf("%ndemo finished in %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
            problems.forEach(p -> err.println("demo: " + p));
            return problems.isEmpty() ? LocalMain.EXIT_OK : LocalMain.EXIT_FAILED;
        } catch (Exception e) {
            err.println("demo failed: " + e);
            e.printStackTrace(err);
            return LocalMain.EXIT_FAILED;
        }
    }

    /** @return what did not come out as the traffic's own account says it should (empty: all well) */
    private static List<String> run(DemoOptions options, PrintStream out) throws Exception {
        ExperimentCatalog catalog = DemoExperiment.catalog();
        SyntheticTraffic traffic = SyntheticTraffic.generate(catalog.config(DemoExperiment.ID),
                DemoExperiment.traffic(options));
        Files.createDirectories(options.output());
        Files.writeString(options.output().resolve("experiment.yaml"), DemoExperiment.yaml());
        printTraffic(traffic.summary(), options, out);

        List<String> problems = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            out.printf("%n[2/5] Kafka broker (KRaft, in this JVM) at %s%n", broker.bootstrapServers());
            createTopics(broker);
            try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(broker.bootstrapServers(),
                    KafkaEventSources.PREDICTIONS_TOPIC, KafkaEventSources.OUTCOMES_TOPIC, 50_000, out)) {
                publisher.publish(traffic);
            }
            try (DemoStop router = DemoStop.start(catalog.config(DemoExperiment.ID), broker.bootstrapServers())) {
                out.printf("%n[3/5] streaming analysis job on a Flink mini cluster (parallelism %d, window %s, "
                        + "checkpoint every %s), until the published records are consumed; a router listens to %s%n",
                        options.parallelism(), DemoExperiment.WINDOW.toMinutes() + "m", CHECKPOINT_INTERVAL,
                        ControlTopicListener.DEFAULT_TOPIC);
                runJob(catalog, options, broker.bootstrapServers(), traffic.size(), out);
                out.printf("%n[4/5] the latency fault, as on-call engineers and serving code see it%n");
                List<String> alerts = DemoAlerts.print(broker, out);
                if (!alerts.contains(DemoExperiment.CHALLENGER + " " + DemoExperiment.LATENCY_GUARDRAIL)) {
                    problems.add("no alert of " + DemoExperiment.LATENCY_GUARDRAIL + " on " + AlertOptions.DEFAULT_TOPIC
                            + " (read: " + alerts + ")");
                }
                problems.addAll(checkStop(router, out));
            }
        }
        out.printf("%n[5/5] results, read back from Parquet%n");
        ResultsReport report = ResultsReport.print(options.output(), out);
        problems.addAll(check(report, traffic.summary(), out));
        return problems;
    }

    /** The STOPPED record reached a router through its control-topic listener, which then routes every unit to the control. */
    private static List<String> checkStop(DemoStop router, PrintStream out) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        Optional<ControlRecord> record = router.awaitStopped();
        record.ifPresentOrElse(r -> out.printf("  %s record on %s (updated_at %s): %s%n", r.state(),
                        ControlTopicListener.DEFAULT_TOPIC, r.updatedAt(), r.reason()),
                () -> out.printf("  no record on %s reached the router%n", ControlTopicListener.DEFAULT_TOPIC));
        if (record.map(r -> r.state() != ControlState.STOPPED).orElse(true)) {
            problems.add("the router did not receive a STOPPED record for the latency fault");
        }
        Map<String, Integer> routed = router.route(out);
        if (!routed.equals(Map.of("champion", DemoStop.UNITS_ROUTED))) {
            problems.add("after the stop, units were routed to " + routed + ", not all to the champion");
        }
        return problems;
    }

    private static void printTraffic(SyntheticSummary summary, DemoOptions options, PrintStream out) {
        LatencyFault fault = DemoExperiment.LATENCY_FAULT;
        out.printf("[1/5] synthetic traffic for %s: %d records over %d h of event time (seed %d); the challenger "
                + "lifts conversion by %+.0f%% and serves %.0f ms slower from %d to %d min; records by kind: %s%n",
                DemoExperiment.ID, summary.records(), DemoExperiment.TRAFFIC_DURATION.toHours(), options.seed(),
                100 * options.lift(), fault.extraMs(), fault.from().toMinutes(), fault.to().toMinutes(),
                summary.byTruth());
        for (Map.Entry<String, VariantCounts> variant : summary.byVariant().entrySet()) {
            VariantCounts c = variant.getValue();
            out.printf("      %-11s %6d units, %7d served predictions, conversion rate per request %.4f%n",
                    variant.getKey(), c.units(), c.servedPredictions(), c.conversionRate());
        }
        out.println("      experiment configuration and outputs: " + options.output());
    }

    private static void createTopics(EmbeddedKafkaBroker broker) {
        broker.createTopic(KafkaEventSources.PREDICTIONS_TOPIC, 2, Map.of());
        broker.createTopic(KafkaEventSources.OUTCOMES_TOPIC, 2, Map.of());
        broker.createTopic(ControlTopicListener.DEFAULT_TOPIC, 1, Map.of("cleanup.policy", "compact"));
        broker.createTopic(AlertOptions.DEFAULT_TOPIC, 1, Map.of());
    }

    private static void runJob(ExperimentCatalog catalog, DemoOptions options, String bootstrapServers, long records,
            PrintStream out) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--experiments", DemoExperiment.RESOURCE,
                "--output", options.output().toString(), "--mode", "streaming",
                "--bootstrap-servers", bootstrapServers, "--group-id", GROUP_ID, "--bounded", "true",
                "--window", DemoExperiment.WINDOW.toMinutes() + "m", "--checkpoint-interval", CHECKPOINT_INTERVAL,
                "--checkpoint-dir", options.output().resolve("checkpoints").toUri().toString()));
        if (options.alertmanagerUrl() != null) {
            arguments.addAll(List.of("--alertmanager-url", options.alertmanagerUrl()));
        }
        AnalysisJobOptions jobOptions = AnalysisJobOptions.parse(arguments.toArray(String[]::new));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism());
        AnalysisJob.build(env, catalog, jobOptions);
        JobClient job = env.executeAsync(AnalysisJob.name(jobOptions));
        try (ConsumptionProgress progress = new ConsumptionProgress(bootstrapServers, GROUP_ID)) {
            RunningJob.await(job, options.output(), () -> consumed(progress.consumed(), records), out);
        }
        out.println("  job finished");
    }

    private static String consumed(long consumed, long records) {
        return consumed < 0 ? "consumed: unknown"
                : String.format("consumed %,d of %,d records (%d%%)", consumed, records, consumed * 100 / records);
    }

    /**
     * Every malformed record dead-lettered with its reason, results and a decision written. Late records are
     * dead-lettered when the watermark has passed them by more than the allowed lateness; replaying a backlog, the
     * watermark (emitted every 200 ms) can trail the records read, so some of them may still be on time for the job
     * and count: the demo reports how many, and fails only if it dead-lettered more than it sent.
     */
    private static List<String> check(ResultsReport report, SyntheticSummary expected, PrintStream out) {
        List<String> problems = new ArrayList<>();
        expected.malformedByReason().forEach((reason, count) -> {
            long found = report.deadLettersByReason().getOrDefault(reason.name(), 0L);
            if (found != count) {
                problems.add("expected " + count + " dead letters " + reason + ", found " + found);
            }
        });
        long late = report.deadLettersByReason().getOrDefault(RejectReason.LATE.name(), 0L);
        long sentLate = expected.count(Truth.Kind.LATE);
        out.printf("late records dead-lettered: %d of the %d sent late%s%n", late, sentLate, late == sentLate ? ""
                : " (the others arrived before the watermark had passed them, and counted)");
        if (late > sentLate) {
            problems.add("dead-lettered " + late + " records as late, but only " + sentLate + " were sent late");
        }
        if (report.results() == 0) {
            problems.add("no results/ rows were written");
        }
        if (report.decisions() == 0) {
            problems.add("no decisions/ rows were written");
        }
        if (!report.incidentsOpened().contains(DemoExperiment.CHALLENGER + " " + DemoExperiment.LATENCY_GUARDRAIL)) {
            problems.add("no incident of " + DemoExperiment.LATENCY_GUARDRAIL + " opened for the challenger's latency"
                    + " fault (opened: " + report.incidentsOpened() + ")");
        }
        if (!report.latestDecision().startsWith("STOP") || !report.latestDecision().contains(
                DemoExperiment.LATENCY_GUARDRAIL)) {
            problems.add("the latest decision is not a STOP naming " + DemoExperiment.LATENCY_GUARDRAIL + ": "
                    + report.latestDecision());
        }
        return problems;
    }
}
