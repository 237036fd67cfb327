package io.abtest.local;

import io.abtest.config.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code alert-latency} harness's options, {@code --name value} each; a bad one is reported by name.
 *
 * <pre>
 * --incidents N            latency faults scheduled, each opening one incident, default 30 (at least 20 must be
 *                          measured)
 * --rate N                 served predictions per second per variant, default 300
 * --guardrail-window D     the latency guardrail's window, default 2s
 * --fault-windows N        windows of each fault (challenger slower), default 1
 * --healthy-windows N      healthy windows between faults, default 1 (recovery_windows is 1: each resolves)
 * --extra-latency-ms X     latency a fault adds to every challenger prediction, default 150
 * --out-of-orderness D     the job's watermark delay, default 500ms
 * --resend-interval D      the job's --alert-resend-interval, default 1s (its minimum)
 * --checkpoint-interval D  the job's checkpoint interval, default 10s
 * --buffer-timeout MS      Flink's network buffer timeout, for the whole job; default: Flink's own (100 ms)
 * --guardrail-path-buffer-timeout MS  what-if: the buffer timeout of the guardrail path's low-volume outputs only (the
 *                          judging and analysis operators, the guardrail operators, the CEP operators, the incident
 *                          lifecycle; {@link AlertLatency#GUARDRAIL_PATH}); default: as the rest of the job
 * --parallelism N          Flink parallelism, default 2
 * --seed N                 random seed of the traffic, default 42
 * --output DIR             output root, default target/abtest-alert-latency/&lt;local date-time&gt;
 * </pre>
 */
record AlertLatencyOptions(int incidents, int rate, Duration guardrailWindow, int faultWindows, int healthyWindows,
        double extraLatencyMs, Duration outOfOrderness, Duration resendInterval, Duration checkpointInterval,
        Long bufferTimeoutMs, Long guardrailPathBufferTimeoutMs, int parallelism, long seed, Path output) {

    private static final Set<String> NAMES = Set.of("incidents", "rate", "guardrail-window", "fault-windows",
            "healthy-windows", "extra-latency-ms", "out-of-orderness", "resend-interval", "checkpoint-interval",
            "buffer-timeout", "guardrail-path-buffer-timeout", "parallelism", "seed", "output");

    /** @throws IllegalArgumentException naming every bad argument */
    static AlertLatencyOptions parse(List<String> args) {
        CommandArguments arguments = CommandArguments.parse(args, NAMES, Set.of());
        List<String> problems = new ArrayList<>(arguments.problems());
        Map<String, String> values = arguments.values();
        int incidents = (int) number(values, "incidents", 30, 1, 1000, problems);
        int rate = (int) number(values, "rate", 300, 10, 20_000, problems);
        Duration window = duration(values, "guardrail-window", "2s", Duration.ofMillis(500), problems);
        int faultWindows = (int) number(values, "fault-windows", 1, 1, 100, problems);
        int healthyWindows = (int) number(values, "healthy-windows", 1, 1, 100, problems);
        double extra = number(values, "extra-latency-ms", 150, 1, 100_000, problems);
        Duration outOfOrderness = duration(values, "out-of-orderness", "500ms", Duration.ZERO, problems);
        Duration resend = duration(values, "resend-interval", "1s", Duration.ofSeconds(1), problems);
        Duration checkpoints = duration(values, "checkpoint-interval", "10s", Duration.ofMillis(100), problems);
        Long bufferTimeout = values.containsKey("buffer-timeout")
                ? (long) number(values, "buffer-timeout", 100, 0, 10_000, problems) : null;
        Long pathBufferTimeout = values.containsKey("guardrail-path-buffer-timeout")
                ? (long) number(values, "guardrail-path-buffer-timeout", 100, 0, 10_000, problems) : null;
        int parallelism = (int) number(values, "parallelism", 2, 1, 64, problems);
        long seed = 42;
        try {
            seed = Long.parseLong(values.getOrDefault("seed", "42"));
        } catch (NumberFormatException e) {
            problems.add("--seed: must be a whole number, got " + values.get("seed"));
        }
        Path output = Path.of(values.getOrDefault("output", "target/abtest-alert-latency/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new AlertLatencyOptions(incidents, rate, window, faultWindows, healthyWindows, extra, outOfOrderness,
                resend, checkpoints, bufferTimeout, pathBufferTimeout, parallelism, seed, output);
    }

    private static double number(Map<String, String> values, String name, double fallback, double min, double max,
            List<String> problems) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text);
            boolean whole = name.equals("extra-latency-ms") || value == Math.rint(value);
            if (whole && value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--" + name + ": must be " + (name.equals("extra-latency-ms") ? "a number" : "a whole number")
                + " in [" + fmt(min) + ", " + fmt(max) + "], got " + text);
        return fallback;
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private static Duration duration(Map<String, String> values, String name, String fallback, Duration min,
            List<String> problems) {
        String text = values.getOrDefault(name, fallback);
        Duration parsed = DurationText.parse(text).orElse(null);
        if (parsed == null || parsed.compareTo(min) < 0) {
            problems.add("--" + name + ": must be a duration of at least " + min.toMillis() + " ms such as "
                    + fallback + ", got " + text);
            return DurationText.parse(fallback).orElseThrow();
        }
        return parsed;
    }

    /** Windows from one fault's start to the next's. */
    int cycleWindows() {
        return faultWindows + healthyWindows;
    }
}
