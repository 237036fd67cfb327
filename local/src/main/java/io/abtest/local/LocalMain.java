package io.abtest.local;

import io.abtest.jobs.synthetic.SyntheticTrafficCli;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar abtest-local.jar COMMAND [OPTIONS]}: the product on one machine, without a cluster.
 *
 * <pre>
 *   demo       embedded Kafka broker + Flink mini cluster + synthetic traffic, end to end ({@link EmbeddedDemo})
 *   rerun      the analysis job in batch mode over Parquet or JSON lines files ({@link LocalRerun})
 *   synthetic  the synthetic traffic generator ({@link SyntheticTrafficCli})
 *   plan       the sample size, minimum detectable effect and duration the engine plans for an experiment
 *              ({@link PlanCommand})
 *   alert-latency  how long a breaching guardrail window's alert takes to reach Alertmanager ({@link AlertLatency})
 * </pre>
 *
 * Exit codes: 0 done, 1 failed, 2 bad command or options (or a rerun's input file whose schema cannot be read).
 * The JVM exits explicitly, because a mini cluster's threads can outlive a failed job.
 */
public final class LocalMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_OPTIONS = 2;

    private static final String USAGE = String.join("\n",
            "usage: java -jar abtest-local.jar COMMAND [OPTIONS]",
            "  demo [--units N] [--lift X] [--seed N] [--parallelism N] [--output DIR]",
            "             run the whole product on this machine: embedded Kafka, Flink mini cluster, synthetic traffic",
            "  rerun --experiments PATH --predictions PATH --outcomes PATH --output DIR [job options]",
            "             rerun the analysis job in batch mode on a Flink mini cluster (job options: see README)",
            "  synthetic [--help]",
            "             generate synthetic traffic as JSON lines or into Kafka",
            "  plan --experiment FILE --daily-units N --baseline-mean X [--baseline-sd S] [--json]",
            "             the sample size per variant, minimum detectable effect and duration of an experiment",
            "  alert-latency [--incidents N] [--rate N] [--guardrail-window D] [--buffer-timeout MS] [...]",
            "             measure the time from the watermark passing a breaching window's end to the alert's",
            "             arrival at a real Alertmanager (embedded Kafka, Flink mini cluster; see the README)",
            "");

    private LocalMain() {}

    public static void main(String[] args) {
        QuietLogging.apply();
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(USAGE);
            return args.isEmpty() ? EXIT_BAD_OPTIONS : EXIT_OK;
        }
        List<String> options = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "demo" -> EmbeddedDemo.run(options, out, err);
            case "rerun" -> LocalRerun.run(options, out, err);
            case "synthetic" -> SyntheticTrafficCli.run(options, out, err);
            case "plan" -> PlanCommand.run(options, out, err);
            case "alert-latency" -> AlertLatency.run(options, out, err);
            default -> {
                err.print("unknown command " + args.get(0) + "\n" + USAGE);
                yield EXIT_BAD_OPTIONS;
            }
        };
    }
}
