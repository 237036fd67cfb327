package io.abtest.jobs.synthetic;

import io.abtest.config.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The CLI's options: {@code --name VALUE} or {@code --name=VALUE}, each checked as it is read so that an error names
 * the option. Options that may repeat ({@code --weight}, {@code --lift}, {@code --variant-latency}, {@code --latency-fault},
 * {@code --attribute}) add one entry each time.
 */
final class TrafficCommandParser {

    static final Path DEFAULT_PREDICTIONS_FILE = Path.of("synthetic", "predictions.jsonl");
    static final Path DEFAULT_OUTCOMES_FILE = Path.of("synthetic", "outcomes.jsonl");

    /** What the options set so far. */
    static final class State {
        final SyntheticOptions.Builder options = SyntheticOptions.builder();
        Path experiment;
        Path predictionsFile;
        Path outcomesFile;
        String bootstrapServers;
        String predictionsTopic = KafkaTrafficPublisher.PREDICTIONS_TOPIC;
        String outcomesTopic = KafkaTrafficPublisher.OUTCOMES_TOPIC;
        long progressEvery = KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY;
        double latencyMedian = SyntheticOptions.DEFAULT_LATENCY.median();
        double latencySigma = SyntheticOptions.DEFAULT_LATENCY.sigma();
        double revenueMedian = SyntheticOptions.DEFAULT_REVENUE.median();
        double revenueSigma = SyntheticOptions.DEFAULT_REVENUE.sigma();
        RequestsPerUnit.Shape requestShape = RequestsPerUnit.Shape.POISSON;
        double requestMean = SyntheticOptions.DEFAULT_REQUESTS_PER_UNIT.mean();
        Map<String, List<String>> attributes;
    }

    static final List<CliOption> OPTIONS = List.of(
            new CliOption("experiment", "FILE", "required", "experiment configuration (YAML or JSON)",
                    (s, v) -> s.experiment = Path.of(v)),
            new CliOption("seed", "N", String.valueOf(SyntheticOptions.DEFAULT_SEED), "random seed; same seed, same records",
                    (s, v) -> s.options.seed(longValue("seed", v))),
            new CliOption("units", "N", String.valueOf(SyntheticOptions.DEFAULT_UNITS), "units (users) generated",
                    (s, v) -> s.options.units((int) longIn("units", v, 1, Integer.MAX_VALUE))),
            new CliOption("requests-per-unit", "MEAN", "5", "mean requests per unit, >= 1",
                    (s, v) -> s.requestMean = doubleIn("requests-per-unit", v, 1, 1_000_000)),
            new CliOption("requests-distribution", "poisson|fixed", "poisson",
                    "poisson: 1 + Poisson(MEAN - 1) per unit; fixed: MEAN for every unit",
                    (s, v) -> s.requestShape = shape(v)),
            new CliOption("start", "INSTANT", SyntheticOptions.DEFAULT_START.toString(), "event time of the first request",
                    (s, v) -> s.options.start(instant("start", v))),
            new CliOption("duration", "DURATION", "1h", "requests spread uniformly over this much event time",
                    (s, v) -> s.options.duration(positiveDuration("duration", v))),
            new CliOption("baseline-rate", "P", String.valueOf(SyntheticOptions.DEFAULT_BASELINE_CONVERSION_RATE),
                    "control's conversion probability per request",
                    (s, v) -> s.options.baselineConversionRate(doubleIn("baseline-rate", v, 0, 1))),
            new CliOption("weight", "VARIANT=WEIGHT", "the configuration's",
                    "route by these weights instead of the configuration's; repeat per variant",
                    (s, v) -> {
                        String[] pair = pair("weight", v, "=");
                        s.options.weight(pair[0], doubleIn("weight", pair[1], 0, 1e12));
                    }),
            new CliOption("lift", "VARIANT=LIFT", "none (0)", "relative conversion lift of a challenger, 0.1 = +10%; repeat per challenger",
                    (s, v) -> {
                        String[] pair = pair("lift", v, "=");
                        s.options.lift(pair[0], doubleIn("lift", pair[1], -0.999999, 1000));
                    }),
            new CliOption("unit-heterogeneity", "H", String.valueOf(SyntheticOptions.DEFAULT_UNIT_HETEROGENEITY),
                    "units convert at rate x (1 - H) or rate x (1 + H), half each",
                    (s, v) -> s.options.unitHeterogeneity(doubleIn("unit-heterogeneity", v, 0, 0.999999))),
            new CliOption("revenue-median", "AMOUNT", "20.0", "median revenue of a conversion (log-normal)",
                    (s, v) -> s.revenueMedian = doubleIn("revenue-median", v, Double.MIN_VALUE, 1e12)),
            new CliOption("revenue-sigma", "S", "0.8", "standard deviation of ln(revenue)",
                    (s, v) -> s.revenueSigma = doubleIn("revenue-sigma", v, 0, 10)),
            new CliOption("latency-median", "MS", "20.0", "median serving latency of every variant (log-normal)",
                    (s, v) -> s.latencyMedian = doubleIn("latency-median", v, Double.MIN_VALUE, 1e9)),
            new CliOption("latency-sigma", "S", "0.4", "standard deviation of ln(latency)",
                    (s, v) -> s.latencySigma = doubleIn("latency-sigma", v, 0, 10)),
            new CliOption("variant-latency", "VARIANT=MEDIAN:SIGMA", "none", "latency of one variant; repeat per variant",
                    (s, v) -> {
                        String[] pair = pair("variant-latency", v, "=");
                        String[] parts = pair("variant-latency", pair[1], ":");
                        s.options.latency(pair[0], new LogNormal(doubleIn("variant-latency", parts[0], Double.MIN_VALUE, 1e9),
                                doubleIn("variant-latency", parts[1], 0, 10)));
                    }),
            new CliOption("latency-fault", "VARIANT:FROM:TO:EXTRA_MS", "none",
                    "extra latency on a variant from FROM to TO after the start, e.g. challenger:20m:25m:300; repeatable",
                    (s, v) -> s.options.latencyFault(fault(v))),
            new CliOption("error-rate", "P", String.valueOf(SyntheticOptions.DEFAULT_ERROR_RATE), "predictions with status error",
                    (s, v) -> s.options.errorRate(doubleIn("error-rate", v, 0, 1))),
            new CliOption("timeout-rate", "P", String.valueOf(SyntheticOptions.DEFAULT_TIMEOUT_RATE), "predictions with status timeout",
                    (s, v) -> s.options.timeoutRate(doubleIn("timeout-rate", v, 0, 1))),
            new CliOption("shadow-rate", "P", "0.0", "served requests that also get a shadow prediction (served=false)",
                    (s, v) -> s.options.shadowRate(doubleIn("shadow-rate", v, 0, 1))),
            new CliOption("switched-unit-fraction", "P", "0.0",
                    "units switched to another variant at a random instant (multiple exposure; the job excludes them)",
                    (s, v) -> s.options.switchedUnitFraction(doubleIn("switched-unit-fraction", v, 0, 1))),
            new CliOption("outcome-rate", "P", "1.0", "served requests that get an outcome",
                    (s, v) -> s.options.outcomeRate(doubleIn("outcome-rate", v, 0, 1))),
            new CliOption("outcome-delay-mean", "DURATION", "2m", "mean (exponential) delay of an outcome after its prediction",
                    (s, v) -> s.options.outcomeDelayMean(nonNegativeDuration("outcome-delay-mean", v))),
            new CliOption("unmatched-outcome-fraction", "F", String.valueOf(SyntheticOptions.DEFAULT_UNMATCHED_OUTCOME_FRACTION),
                    "extra outcomes matching no prediction, per matched outcome",
                    (s, v) -> s.options.unmatchedOutcomeFraction(doubleIn("unmatched-outcome-fraction", v, 0, 10))),
            new CliOption("malformed-fraction", "F", String.valueOf(SyntheticOptions.DEFAULT_MALFORMED_FRACTION),
                    "bad-input records per valid record, cycling through every bad-input kind",
                    (s, v) -> s.options.malformedFraction(doubleIn("malformed-fraction", v, 0, 10))),
            new CliOption("duplicate-fraction", "F", String.valueOf(SyntheticOptions.DEFAULT_DUPLICATE_FRACTION),
                    "re-sent copies (same event_id) per valid record",
                    (s, v) -> s.options.duplicateFraction(doubleIn("duplicate-fraction", v, 0, 10))),
            new CliOption("late-fraction", "F", String.valueOf(SyntheticOptions.DEFAULT_LATE_FRACTION),
                    "records older than the allowed lateness, per valid record",
                    (s, v) -> s.options.lateFraction(doubleIn("late-fraction", v, 0, 10))),
            new CliOption("late-margin", "DURATION", "10m", "how far beyond the allowed lateness late records are",
                    (s, v) -> s.options.lateMargin(nonNegativeDuration("late-margin", v))),
            new CliOption("max-disorder", "DURATION", "2s", "bound on event-time disorder of the arrival order",
                    (s, v) -> s.options.maxDisorder(nonNegativeDuration("max-disorder", v))),
            new CliOption("attribute", "NAME=V1,V2,...", "country=US,CA device=ios,android,web tier=free,paid",
                    "unit attribute and its values (uniform); the first use replaces the defaults; repeatable",
                    TrafficCommandParser::attribute),
            new CliOption("predictions-out", "FILE", DEFAULT_PREDICTIONS_FILE.toString(), "JSON-lines file of predictions",
                    (s, v) -> s.predictionsFile = Path.of(v)),
            new CliOption("outcomes-out", "FILE", DEFAULT_OUTCOMES_FILE.toString(), "JSON-lines file of outcomes",
                    (s, v) -> s.outcomesFile = Path.of(v)),
            new CliOption("bootstrap-servers", "HOST:PORT", "none", "publish to Kafka instead of writing files",
                    (s, v) -> s.bootstrapServers = nonBlank("bootstrap-servers", v)),
            new CliOption("predictions-topic", "TOPIC", KafkaTrafficPublisher.PREDICTIONS_TOPIC, "Kafka topic of predictions",
                    (s, v) -> s.predictionsTopic = nonBlank("predictions-topic", v)),
            new CliOption("outcomes-topic", "TOPIC", KafkaTrafficPublisher.OUTCOMES_TOPIC, "Kafka topic of outcomes",
                    (s, v) -> s.outcomesTopic = nonBlank("outcomes-topic", v)),
            new CliOption("progress-every", "N", String.valueOf(KafkaTrafficPublisher.DEFAULT_PROGRESS_EVERY),
                    "print progress every N records sent",
                    (s, v) -> s.progressEvery = longIn("progress-every", v, 1, Long.MAX_VALUE)));

    private TrafficCommandParser() {}

    /** @throws BadOptionException naming the first unknown, repeated-without-value or invalid option */
    static TrafficCommand parse(List<String> args) throws BadOptionException {
        Map<String, CliOption> byName = new LinkedHashMap<>();
        OPTIONS.forEach(option -> byName.put(option.name(), option));
        State state = new State();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new BadOptionException("unexpected argument '" + arg + "': options start with --; see --help");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            CliOption option = byName.get(name);
            if (option == null) {
                throw new BadOptionException("unknown option --" + name + "; see --help");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new BadOptionException("--" + name + " needs a value (" + option.argument() + ")");
            }
            option.setter().apply(state, value);
        }
        return command(state);
    }

    private static TrafficCommand command(State s) throws BadOptionException {
        if (s.experiment == null) {
            throw new BadOptionException("--experiment is required: the experiment configuration file");
        }
        if (s.bootstrapServers != null && (s.predictionsFile != null || s.outcomesFile != null)) {
            throw new BadOptionException("--predictions-out/--outcomes-out cannot be combined with --bootstrap-servers");
        }
        s.options.requestsPerUnit(new RequestsPerUnit(s.requestShape, s.requestMean));
        s.options.latency(new LogNormal(s.latencyMedian, s.latencySigma));
        s.options.revenue(new LogNormal(s.revenueMedian, s.revenueSigma));
        if (s.attributes != null) {
            s.options.attributeValues(s.attributes);
        }
        SyntheticOptions options;
        try {
            options = s.options.build();
        } catch (IllegalArgumentException e) {
            throw new BadOptionException(e.getMessage());
        }
        return new TrafficCommand(s.experiment, options,
                s.predictionsFile == null ? DEFAULT_PREDICTIONS_FILE : s.predictionsFile,
                s.outcomesFile == null ? DEFAULT_OUTCOMES_FILE : s.outcomesFile,
                s.bootstrapServers, s.predictionsTopic, s.outcomesTopic, s.progressEvery);
    }

    static String usage() {
        StringBuilder text = new StringBuilder("""
                Usage: SyntheticTrafficCli --experiment FILE [options]

                Generates traffic for one experiment with a known effect (valid predictions and outcomes, plus
                malformed, duplicate, late and unmatched records in known numbers) and writes it as JSON lines, or
                publishes it to Kafka (key = unit id) when --bootstrap-servers is given. Exit code 2 on bad options.

                Options:
                """);
        for (CliOption option : OPTIONS) {
            text.append(String.format(Locale.ROOT, "  --%-28s %s (default: %s)%n",
                    option.name() + " " + option.argument(), option.help(), option.defaultValue()));
        }
        text.append(String.format(Locale.ROOT, "  --%-28s %s%n", "help", "print this text and exit"));
        return text.toString();
    }

    private static void attribute(State s, String value) throws BadOptionException {
        String[] pair = pair("attribute", value, "=");
        List<String> values = new ArrayList<>();
        for (String item : pair[1].split(",", -1)) {
            if (item.isBlank()) {
                throw new BadOptionException("--attribute " + value + ": empty value in the list");
            }
            values.add(item.trim());
        }
        if (s.attributes == null) {
            s.attributes = new LinkedHashMap<>();
        }
        s.attributes.put(pair[0], values);
    }

    private static LatencyFault fault(String value) throws BadOptionException {
        String[] parts = value.split(":", -1);
        if (parts.length != 4 || parts[0].isBlank()) {
            throw new BadOptionException("--latency-fault expects VARIANT:FROM:TO:EXTRA_MS, was '" + value + "'");
        }
        Duration from = nonNegativeDuration("latency-fault", parts[1]);
        Duration to = nonNegativeDuration("latency-fault", parts[2]);
        if (to.compareTo(from) <= 0) {
            throw new BadOptionException("--latency-fault: TO (" + parts[2] + ") must be after FROM (" + parts[1] + ")");
        }
        return new LatencyFault(parts[0], from, to, doubleIn("latency-fault", parts[3], 0, 1e9));
    }

    private static RequestsPerUnit.Shape shape(String value) throws BadOptionException {
        try {
            return RequestsPerUnit.Shape.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadOptionException("--requests-distribution expects poisson or fixed, was '" + value + "'");
        }
    }

    private static String[] pair(String option, String value, String separator) throws BadOptionException {
        int at = value.indexOf(separator);
        if (at <= 0 || at == value.length() - 1) {
            throw new BadOptionException("--" + option + " expects A" + separator + "B, was '" + value + "'");
        }
        return new String[] {value.substring(0, at).trim(), value.substring(at + 1).trim()};
    }

    private static String nonBlank(String option, String value) throws BadOptionException {
        if (value.isBlank()) {
            throw new BadOptionException("--" + option + " must not be empty");
        }
        return value;
    }

    private static long longValue(String option, String value) throws BadOptionException {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new BadOptionException("--" + option + " expects an integer, was '" + value + "'");
        }
    }

    private static long longIn(String option, String value, long min, long max) throws BadOptionException {
        long number = longValue(option, value);
        if (number < min || number > max) {
            throw new BadOptionException("--" + option + " must be in [" + min + ", " + max + "], was " + number);
        }
        return number;
    }

    private static double doubleIn(String option, String value, double min, double max) throws BadOptionException {
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new BadOptionException("--" + option + " expects a number, was '" + value + "'");
        }
        if (!(number >= min && number <= max)) {
            throw new BadOptionException("--" + option + " must be in [" + min + ", " + max + "], was " + value);
        }
        return number;
    }

    private static Duration nonNegativeDuration(String option, String value) throws BadOptionException {
        return DurationText.parse(value.trim()).filter(d -> !d.isNegative()).orElseThrow(() -> new BadOptionException(
                "--" + option + " expects a duration such as " + DurationText.EXAMPLES + ", was '" + value + "'"));
    }

    private static Duration positiveDuration(String option, String value) throws BadOptionException {
        Duration duration = nonNegativeDuration(option, value);
        if (duration.isZero()) {
            throw new BadOptionException("--" + option + " must be longer than 0");
        }
        return duration;
    }

    private static Instant instant(String option, String value) throws BadOptionException {
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadOptionException("--" + option + " expects an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '"
                    + value + "'");
        }
    }
}
