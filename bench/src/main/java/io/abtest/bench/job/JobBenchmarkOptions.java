package io.abtest.bench.job;

import io.abtest.config.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The job benchmark's arguments, {@code --name value} each ({@code --jfr} alone).
 *
 * <pre>
 * --events LIST             input records per scenario, e.g. 1M,4M,16M (k and M allowed), default 1M
 * --units LIST              units per scenario (one value for all, or one per --events); default events / --events-per-unit
 * --events-per-unit X       records per unit when --units is not given, default 5
 * --runs LIST               which of streaming,parquet,jsonl,duckdb to run, default all
 * --output DIR              default bench/target/job-bench/&lt;date-time&gt;
 * --cores N                 cores the rates are divided by, and the job's parallelism, default the JVM's available processors
 * --checkpoint-interval D   streaming: default 10s
 * --window D                the job's event-time window, default 1h
 * --traffic-duration D      event time the traffic spans, default 6h
 * --heap SIZE               -Xmx of each measured run's JVM, default 6g
 * --seed N                  the generator's seed, default 42
 * --slice-events N          records generated at once (bounds the generator's memory), default 1M
 * --jfr                     record each measured run with Java Flight Recorder (settings=profile)
 * </pre>
 */
record JobBenchmarkOptions(
        List<BenchScenario> scenarios,
        Set<BenchRun> runs,
        Path output,
        int cores,
        String checkpointInterval,
        String window,
        Duration trafficDuration,
        String heap,
        long seed,
        long sliceEvents,
        boolean jfr) {

    private static final Set<String> NAMES = Set.of("events", "units", "events-per-unit", "runs", "output", "cores",
            "checkpoint-interval", "window", "traffic-duration", "heap", "seed", "slice-events");

    /** @throws IllegalArgumentException naming every bad argument */
    static JobBenchmarkOptions parse(String... args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        boolean jfr = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (name.equals("jfr")) {
                jfr = true;
            } else if (!NAMES.contains(name)) {
                problems.add(args[i] + ": unknown argument");
            } else if (i + 1 >= args.length) {
                problems.add(args[i] + ": missing value");
            } else {
                values.put(name, args[++i]);
            }
        }
        List<BenchScenario> scenarios = new ArrayList<>();
        try {
            scenarios = scenarios(values);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Set<BenchRun> runs = EnumSet.noneOf(BenchRun.class);
        try {
            for (String run : values.getOrDefault("runs", "streaming,parquet,jsonl,duckdb").split(",")) {
                runs.add(BenchRun.of(run.trim()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        int cores = (int) number(values, "cores", Runtime.getRuntime().availableProcessors(), problems);
        for (String name : List.of("checkpoint-interval", "window", "traffic-duration")) {
            if (values.containsKey(name) && DurationText.parse(values.get(name)).isEmpty()) {
                problems.add("--" + name + ": a duration such as " + DurationText.EXAMPLES + ", got " + values.get(name));
            }
        }
        Path output = Path.of(values.getOrDefault("output", "bench/target/job-bench/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
        JobBenchmarkOptions options = new JobBenchmarkOptions(scenarios, runs, output.toAbsolutePath(), cores,
                values.getOrDefault("checkpoint-interval", "10s"), values.getOrDefault("window", "1h"),
                DurationText.parse(values.getOrDefault("traffic-duration", "6h")).orElse(Duration.ofHours(6)),
                values.getOrDefault("heap", "6g"), number(values, "seed", 42, problems),
                number(values, "slice-events", 1_000_000, problems), jfr);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return options;
    }

    private static List<BenchScenario> scenarios(Map<String, String> values) {
        List<Long> events = new ArrayList<>();
        for (String text : values.getOrDefault("events", "1M").split(",")) {
            events.add(count(text.trim(), "--events"));
        }
        List<BenchScenario> scenarios = new ArrayList<>();
        if (values.containsKey("units")) {
            String[] units = values.get("units").split(",");
            if (units.length != 1 && units.length != events.size()) {
                throw new IllegalArgumentException("--units: one value, or one per --events value");
            }
            for (int i = 0; i < events.size(); i++) {
                long u = count(units[units.length == 1 ? 0 : i].trim(), "--units");
                scenarios.add(new BenchScenario(events.get(i), Math.toIntExact(u)));
            }
        } else {
            double perUnit = Double.parseDouble(values.getOrDefault("events-per-unit", "5"));
            for (long e : events) {
                scenarios.add(new BenchScenario(e, (int) Math.max(1, Math.round(e / perUnit))));
            }
        }
        return scenarios;
    }

    /** {@code 20000}, {@code 20k}, {@code 4M}. */
    static long count(String text, String option) {
        String t = text.toLowerCase(Locale.ROOT).replace("_", "");
        long factor = t.endsWith("k") ? 1_000 : t.endsWith("m") ? 1_000_000 : 1;
        try {
            return factor == 1 ? Long.parseLong(t) : Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": a count such as 20000, 20k or 4M, got " + text);
        }
    }

    private static long number(Map<String, String> values, String name, long fallback, List<String> problems) {
        try {
            long value = values.containsKey(name) ? count(values.get(name), "--" + name) : fallback;
            if (value < 1) {
                problems.add("--" + name + ": must be >= 1, got " + value);
            }
            return value;
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return fallback;
        }
    }
}
