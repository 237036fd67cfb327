package io.abtest.jobs.synthetic;

import io.abtest.config.ConfigException;
import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Command line for {@link SyntheticTraffic}: writes JSON lines, or publishes to Kafka given
 * {@code --bootstrap-servers}. {@code --help} lists every option with its default (see
 * {@link TrafficCommandParser#OPTIONS}).
 *
 * <p>Exit codes: 0 done; 2 bad options or experiment file (the message names the option); 1 the output failed
 * (a file could not be written, Kafka refused the records).
 */
public final class SyntheticTrafficCli {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_OPTIONS = 2;

    private SyntheticTrafficCli() {}

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; everything it prints goes to {@code out} and {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.print(TrafficCommandParser.usage());
            return EXIT_OK;
        }
        TrafficCommand command;
        ExperimentConfig experiment;
        SyntheticTraffic traffic;
        try {
            command = TrafficCommandParser.parse(args);
            experiment = ExperimentConfigLoader.load(command.experiment());
            traffic = SyntheticTraffic.generate(experiment, command.options());
        } catch (BadOptionException | IllegalArgumentException e) {
            err.println("synthetic-traffic: " + e.getMessage());
            err.println("run with --help for the options");
            return EXIT_BAD_OPTIONS;
        } catch (ConfigException e) {
            err.println("synthetic-traffic: --experiment: " + e.getMessage());
            return EXIT_BAD_OPTIONS;
        }
        SyntheticSummary summary = traffic.summary();
        out.printf("generated %d records for experiment %s: %s%n", summary.records(), experiment.experimentId(),
                summary.byTruth());
        try {
            if (command.toKafka()) {
                try (KafkaTrafficPublisher publisher = KafkaTrafficPublisher.create(command.bootstrapServers(),
                        command.predictionsTopic(), command.outcomesTopic(), command.progressEvery(), out)) {
                    publisher.publish(traffic);
                }
            } else {
                traffic.writeJsonLines(command.predictionsFile(), command.outcomesFile());
                out.printf("wrote %d predictions to %s and %d outcomes to %s%n", summary.predictionRecords(),
                        command.predictionsFile(), summary.outcomeRecords(), command.outcomesFile());
            }
        } catch (IOException | RuntimeException e) {
            err.println("synthetic-traffic: output failed: " + e);
            return EXIT_FAILED;
        }
        for (Map.Entry<String, VariantCounts> variant : summary.byVariant().entrySet()) {
            VariantCounts c = variant.getValue();
            out.printf("  %-16s units %d, served %d, conversions %d (rate %.4f)%n", variant.getKey(), c.units(),
                    c.servedPredictions(), c.conversions(), c.conversionRate());
        }
        return EXIT_OK;
    }
}
