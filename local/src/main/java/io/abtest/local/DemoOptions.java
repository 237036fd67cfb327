package io.abtest.local;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The demo's options, {@code --name value} each; a bad one is reported by name.
 *
 * <pre>
 * --units N          units of synthetic traffic, default 20000 (about 10 records each)
 * --lift X           the challenger's relative lift of conversion, default 0.15 (+15%)
 * --seed N           random seed of the traffic, default 42
 * --parallelism N    Flink parallelism, default 2
 * --output DIR       output root, default target/abtest-demo/&lt;local date-time&gt; (a new folder each run)
 * --alertmanager-url URL[,URL]  also post the alerts to this Alertmanager (an HA pair: comma-separated), as the
 *                    job's option of that name does; default none (alerts go to ab.alerts only)
 * </pre>
 */
record DemoOptions(int units, double lift, long seed, int parallelism, Path output, String alertmanagerUrl) {

    static final int DEFAULT_UNITS = 20_000;
    static final double DEFAULT_LIFT = 0.15;
    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_PARALLELISM = 2;

    private static final Set<String> NAMES = Set.of("units", "lift", "seed", "parallelism", "output",
            "alertmanager-url");

    /** @throws IllegalArgumentException naming every bad argument */
    static DemoOptions parse(List<String> args) {
        CommandArguments arguments = CommandArguments.parse(args, NAMES, Set.of());
        List<String> problems = new ArrayList<>(arguments.problems());
        Map<String, String> values = arguments.values();
        int units = value(values, "units", DEFAULT_UNITS, 100, 5_000_000, Integer::valueOf, problems);
        double lift = value(values, "lift", DEFAULT_LIFT, -0.99, 10.0, Double::valueOf, problems);
        long seed = value(values, "seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE, Long::valueOf, problems);
        int parallelism = value(values, "parallelism", DEFAULT_PARALLELISM, 1, 64, Integer::valueOf, problems);
        Path output = Path.of(values.getOrDefault("output", "target/abtest-demo/"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")))).toAbsolutePath();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new DemoOptions(units, lift, seed, parallelism, output, values.get("alertmanager-url"));
    }

    private static <T extends Comparable<T>> T value(Map<String, String> values, String name, T fallback, T min,
            T max, Function<String, T> parse, List<String> problems) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            T value = parse.apply(text);
            if (value.compareTo(min) >= 0 && value.compareTo(max) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--" + name + ": must be " + (fallback instanceof Double ? "a number" : "a whole number")
                + " in [" + min + ", " + max + "], got " + text);
        return fallback;
    }
}
