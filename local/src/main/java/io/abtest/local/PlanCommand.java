package io.abtest.local;

import io.abtest.config.ConfigException;
import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.config.MetricSpec;
import io.abtest.stats.planning.Baseline;
import io.abtest.stats.planning.ExperimentPlan;
import io.abtest.stats.planning.Traffic;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan}: the plan the engine makes for an experiment file ({@link ExperimentPlan#of}), so that the planning
 * notebook, the analysis job and a person at a terminal read the same numbers. Prints the sample size per variant,
 * the minimum detectable effect at that size, the duration and the numbers they rest on; {@code --json} prints
 * the same plan as one JSON document for the notebook, with a power curve and the detectable effect by days
 * ({@link PlanReport}). Options: {@link PlanOptions}.
 *
 * <p>A ratio primary metric is refused: its plan needs the standard deviation of the delta method's per-unit
 * linearization, which a baseline mean and standard deviation of values do not give.
 *
 * <p>Exit codes as {@link LocalMain}: 0 the plan was printed, 2 a bad option or an experiment it cannot plan (each
 * problem on its own line, naming the option), 1 anything else.
 */
final class PlanCommand {

    static final String USAGE = String.join("\n",
            "usage: java -jar abtest-local.jar plan --experiment FILE --daily-units N --baseline-mean X"
                    + " [--baseline-sd S] [--json]",
            "  --experiment FILE   the experiment's configuration file",
            "  --daily-units N     units entering the experiment a day (all variants together)",
            "  --baseline-mean X   the control's rate (proportion metric, in (0, 1)) or mean (mean metric, non-zero)",
            "  --baseline-sd S     mean metric only, required there: the per-unit standard deviation",
            "  --json              print the plan as JSON, with the power curve and the MDE by days",
            "");

    private PlanCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(USAGE);
            return LocalMain.EXIT_OK;
        }
        List<String> problems = new ArrayList<>();
        PlanOptions options = PlanOptions.parse(args, problems);
        ExperimentConfig config = options.experiment() == null ? null : load(options, problems);
        Baseline baseline = config == null ? null : baseline(config.primaryMetric(), options, problems);
        if (!problems.isEmpty()) {
            problems.forEach(problem -> err.println("plan: " + problem));
            err.print(USAGE);
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        PlanReport report;
        try {
            report = PlanReport.of(options.experiment(), config, baseline, Traffic.of(options.dailyUnits()));
        } catch (IllegalArgumentException e) {
            err.println("plan: cannot plan experiment " + config.experimentId() + ": " + e.getMessage());
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        out.print(options.json() ? report.jsonText() : report.text());
        return LocalMain.EXIT_OK;
    }

    private static ExperimentConfig load(PlanOptions options, List<String> problems) {
        try {
            return ExperimentConfigLoader.load(options.experiment());
        } catch (ConfigException e) {
            e.problems().forEach(p -> problems.add("--experiment: " + p));
            return null;
        }
    }

    /**
     * The baseline the primary metric's kind needs; null, with every problem added to {@code problems} naming its
     * option, when the options do not give one. A value the parser already refused (NaN) is not reported again.
     */
    static Baseline baseline(MetricSpec metric, PlanOptions options, List<String> problems) {
        String name = "'" + metric.name() + "'";
        int before = problems.size();
        double mean = options.baselineMean();
        Double sd = options.baselineSd();
        switch (metric.kind()) {
            case RATIO -> problems.add("--experiment: primary metric " + name + " is a ratio metric, which the"
                    + " plan command does not plan: its sample size rests on the standard deviation of the delta"
                    + " method's per-unit linearization (y - R x) / mean(x), which --baseline-mean and --baseline-sd"
                    + " (a mean and standard deviation of values) do not give");
            case PROPORTION -> {
                if (!Double.isNaN(mean) && !(mean > 0 && mean < 1)) {
                    problems.add("--baseline-mean: must be the control's rate of proportion metric " + name
                            + ", in (0, 1), got " + mean);
                }
                if (sd != null) {
                    problems.add("--baseline-sd: not taken for proportion metric " + name
                            + ": a rate's standard deviation follows from the rate");
                }
            }
            case MEAN -> {
                if (mean == 0) {
                    problems.add("--baseline-mean: must be non-zero for mean metric " + name
                            + " (the minimum detectable effect is relative to it), got 0");
                }
                if (sd == null) {
                    problems.add("--baseline-sd: required for mean metric " + name
                            + " (the per-unit standard deviation)");
                } else if (!Double.isNaN(sd) && !(sd > 0)) {
                    problems.add("--baseline-sd: must be > 0, got " + sd);
                }
            }
        }
        if (problems.size() > before || Double.isNaN(mean) || (sd != null && Double.isNaN(sd))) {
            return null;
        }
        return metric.kind() == MetricSpec.MetricKind.PROPORTION
                ? Baseline.rate(mean) : Baseline.mean(mean, sd);
    }
}
