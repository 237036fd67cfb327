package io.abtest.jobs.analysis;

import io.abtest.config.DurationText;
import io.abtest.jobs.analysis.alert.AlertOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis job's arguments, {@code --name value} each; a bad or missing one is reported by name.
 *
 * <pre>
 * --experiments PATH          required: an experiment configuration file or a folder of them
 * --output PATH               required: output root for aggregates/, results/, decisions/, dead_letter/; a batch
 *                             rerun replaces it as a whole when it succeeds (rerun.BatchRerun)
 * --mode streaming|batch      default streaming
 * --bootstrap-servers LIST    streaming: Kafka brokers, default localhost:9092
 * --group-id ID               streaming: consumer group for offset commits, default abtest-analysis
 * --bounded true|false        streaming: stop at the offsets that are the latest at start, default false
 * --predictions PATH          batch: prediction events (folder of Parquet files, or JSON lines with --input-format jsonl)
 * --outcomes PATH             batch: outcome events, likewise
 * --input-format parquet|jsonl  batch: default parquet
 * --window DURATION           event-time window (analysis point every window end), default 1h
 * --out-of-orderness DURATION watermark delay behind the largest event time seen, default 1m
 * --idleness DURATION         an input silent this long stops holding the watermark back, default 1m
 * --checkpoint-interval DURATION  streaming: how often checkpoints commit the Parquet files, default 1m
 * --checkpoint-dir URI        streaming: where checkpoints go (file:///..., s3://..., hdfs://...); default the
 *                             cluster's execution.checkpointing.dir (without either, Flink keeps checkpoints in the
 *                             JobManager's memory, which fails once the state passes 5 MB)
 * --state-backend hashmap|rocksdb  streaming: where keyed state lives; default the cluster's state.backend.type
 *                             (Flink's default: hashmap, on the TaskManagers' heap). rocksdb keeps it on local disk
 *                             (state larger than the heap) and checkpoints incrementally
 * --dedup-ttl DURATION        how long an event_id is remembered at most for deduplication, default 48h
 * --max-event-time-skew DURATION  how far ahead of the wall clock an event_time may be; a record further ahead is
 *                             dead-lettered as FUTURE_EVENT_TIME before it reaches the watermark; batch reruns apply
 *                             it against the rerun's clock; default 1h
 * --leftovers refuse|clean    batch: what to do with staging or replaced folders earlier reruns into --output left
 *                             beside it; refuse (default) names them and exits 2, clean removes them (or moves a
 *                             replaced output back) and goes on: for schedulers that run one rerun per output at a time
 * --alerts-topic NAME         streaming: Kafka topic of the guardrail alerts, default ab.alerts
 * --alertmanager-url URL[,URL]  streaming: post the alerts to these Alertmanagers (an HA pair: each), default none
 * --alert-resend-interval DURATION  streaming: re-send firing alerts this often, at least 1s, default 1m
 * --alert-generator-url PATTERN  the alerts' generatorURL, {experiment_id}, {variant}, {guardrail}, {incident_id}
 *                             replaced, default http://localhost:8081/#/job/running (see {@link AlertOptions})
 * </pre>
 *
 * <p>{@link #alerts()} is {@link AlertOptions#none()} in batch mode: reruns never write or post alerts.
 */
public record AnalysisJobOptions(
        String experiments,
        String output,
        Mode mode,
        String bootstrapServers,
        String groupId,
        boolean bounded,
        String predictions,
        String outcomes,
        String inputFormat,
        Duration window,
        Duration outOfOrderness,
        Duration idleness,
        Duration checkpointInterval,
        String checkpointDir,
        StateBackend stateBackend,
        Duration dedupTtl,
        Duration maxEventTimeSkew,
        boolean cleanLeftovers,
        AlertOptions alerts) {

    public enum Mode { STREAMING, BATCH }

    /** Flink's two state backends, by their {@code state.backend.type} names; null in the options: the cluster's. */
    public enum StateBackend {
        HASHMAP, ROCKSDB;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Set<String> NAMES = Set.of("experiments", "output", "mode", "bootstrap-servers", "group-id",
            "bounded", "predictions", "outcomes", "input-format", "window", "out-of-orderness", "idleness",
            "checkpoint-interval", "checkpoint-dir", "state-backend", "dedup-ttl", "max-event-time-skew", "leftovers",
            AlertOptions.TOPIC, AlertOptions.ALERTMANAGER_URL, AlertOptions.RESEND_INTERVAL, AlertOptions.GENERATOR_URL);

    /** @throws IllegalArgumentException naming every bad or missing argument */
    public static AnalysisJobOptions parse(String... args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !NAMES.contains(arg.substring(2))) {
                problems.add(arg + ": unknown argument");
            } else if (i + 1 >= args.length) {
                problems.add(arg + ": missing value");
            } else {
                values.put(arg.substring(2), args[++i]);
            }
        }
        String experiments = required(values, "experiments", problems);
        String output = required(values, "output", problems);
        Mode mode = switch (values.getOrDefault("mode", "streaming")) {
            case "streaming" -> Mode.STREAMING;
            case "batch" -> Mode.BATCH;
            default -> {
                problems.add("--mode: must be streaming or batch, got " + values.get("mode"));
                yield Mode.STREAMING;
            }
        };
        String format = values.getOrDefault("input-format", "parquet");
        if (!format.equals("parquet") && !format.equals("jsonl")) {
            problems.add("--input-format: must be parquet or jsonl, got " + format);
        }
        String bounded = values.getOrDefault("bounded", "false");
        if (!bounded.equals("true") && !bounded.equals("false")) {
            problems.add("--bounded: must be true or false, got " + bounded);
        }
        if (mode == Mode.BATCH) {
            required(values, "predictions", problems);
            required(values, "outcomes", problems);
        }
        StateBackend stateBackend = null;
        if (values.containsKey("state-backend")) {
            switch (values.get("state-backend")) {
                case "hashmap" -> stateBackend = StateBackend.HASHMAP;
                case "rocksdb" -> stateBackend = StateBackend.ROCKSDB;
                default -> problems.add("--state-backend: must be hashmap or rocksdb, got " + values.get("state-backend"));
            }
        }
        String leftovers = values.getOrDefault("leftovers", "refuse");
        if (!leftovers.equals("refuse") && !leftovers.equals("clean")) {
            problems.add("--leftovers: must be refuse or clean, got " + leftovers);
        }
        String bootstrapServers = values.getOrDefault("bootstrap-servers", "localhost:9092");
        AlertOptions alerts = AlertOptions.parse(values, bootstrapServers, problems);
        AnalysisJobOptions options = new AnalysisJobOptions(experiments, output, mode, bootstrapServers,
                values.getOrDefault("group-id", "abtest-analysis"), bounded.equals("true"),
                values.get("predictions"), values.get("outcomes"), format,
                duration(values, "window", "1h", problems), duration(values, "out-of-orderness", "1m", problems),
                duration(values, "idleness", "1m", problems), duration(values, "checkpoint-interval", "1m", problems),
                values.get("checkpoint-dir"), stateBackend,
                duration(values, "dedup-ttl", "48h", problems),
                duration(values, "max-event-time-skew", "1h", problems), leftovers.equals("clean"),
                mode == Mode.BATCH ? AlertOptions.none() : alerts);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return options;
    }

    /** These options writing to {@code otherOutput} instead ({@link io.abtest.jobs.analysis.rerun.BatchRerun}'s staging folder). */
    public AnalysisJobOptions withOutput(String otherOutput) {
        return new AnalysisJobOptions(experiments, otherOutput, mode, bootstrapServers, groupId, bounded, predictions,
                outcomes, inputFormat, window, outOfOrderness, idleness, checkpointInterval, checkpointDir, stateBackend,
                dedupTtl, maxEventTimeSkew, cleanLeftovers, alerts);
    }

    private static String required(Map<String, String> values, String name, List<String> problems) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            problems.add("--" + name + ": required");
        }
        return value;
    }

    private static Duration duration(Map<String, String> values, String name, String fallback, List<String> problems) {
        String text = values.getOrDefault(name, fallback);
        Duration parsed = DurationText.parse(text).orElse(null);
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            problems.add("--" + name + ": must be a positive duration such as 30s, 10m, 1h, got " + text);
            return Duration.parse("PT1M");
        }
        return parsed;
    }
}
