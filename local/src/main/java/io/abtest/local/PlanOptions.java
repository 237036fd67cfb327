package io.abtest.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code plan} command's options, {@code --name value} each except the flag {@code --json}; a bad one is
 * reported by name. Which baseline options a plan needs depends on the primary metric's kind, which only the
 * experiment file tells: {@link PlanCommand} checks that once the file is read.
 *
 * <pre>
 * --experiment FILE    the experiment's configuration (YAML, or JSON with a .json suffix); required
 * --daily-units N      units (distinct randomization units, not requests) entering the experiment a day, a whole
 *                      number &gt;= 1; required: a default would be a guess that sets the duration
 * --baseline-mean X    the control's expected value of the primary metric; required. For a proportion metric its
 *                      rate, in (0, 1); for a mean metric its mean, finite and non-zero
 * --baseline-sd S      for a mean metric, required: the per-unit standard deviation, &gt; 0; refused for a
 *                      proportion metric (a rate's standard deviation follows from the rate)
 * --json               print the plan as one JSON document (with the power curve and the MDE by duration)
 * </pre>
 */
record PlanOptions(Path experiment, long dailyUnits, double baselineMean, Double baselineSd, boolean json) {

    static final long MAX_DAILY_UNITS = 1_000_000_000_000L;

    private static final Set<String> VALUED = Set.of("experiment", "daily-units", "baseline-mean", "baseline-sd");
    private static final String JSON_FLAG = "--json";

    /**
     * The options as given; every bad one is added to {@code problems}, naming it, and then has no value: a null
     * experiment, 0 daily units, a NaN baseline mean or standard deviation.
     */
    static PlanOptions parse(List<String> args, List<String> problems) {
        CommandArguments arguments = CommandArguments.parse(args, VALUED, Set.of(JSON_FLAG.substring(2)));
        problems.addAll(arguments.problems());
        arguments.repeated().forEach(arg -> problems.add(arg + ": given twice"));
        Map<String, String> values = arguments.values();
        boolean json = arguments.flags().contains(JSON_FLAG.substring(2));
        Path experiment = null;
        if (values.containsKey("experiment")) {
            experiment = Path.of(values.get("experiment"));
        } else {
            problems.add("--experiment: required (the experiment's configuration file)");
        }
        long dailyUnits = dailyUnits(values.get("daily-units"), problems);
        double baselineMean = Double.NaN;
        if (values.containsKey("baseline-mean")) {
            baselineMean = finite("baseline-mean", values.get("baseline-mean"), problems);
        } else {
            problems.add("--baseline-mean: required (the control's rate for a proportion metric, its mean for a"
                    + " mean metric)");
        }
        Double baselineSd = values.containsKey("baseline-sd")
                ? finite("baseline-sd", values.get("baseline-sd"), problems) : null;
        return new PlanOptions(experiment, dailyUnits, baselineMean, baselineSd, json);
    }

    private static long dailyUnits(String text, List<String> problems) {
        if (text == null) {
            problems.add("--daily-units: required (units entering the experiment a day)");
            return 0;
        }
        try {
            long units = Long.parseLong(text);
            if (units >= 1 && units <= MAX_DAILY_UNITS) {
                return units;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--daily-units: must be a whole number in [1, " + MAX_DAILY_UNITS + "], got " + text);
        return 0;
    }

    private static double finite(String name, String text, List<String> problems) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("--" + name + ": must be a finite number, got " + text);
        return Double.NaN;
    }
}
