package io.abtest.jobs.synthetic;

import io.abtest.config.ExperimentConfig;
import io.abtest.jobs.analysis.records.EventKind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replayable traffic for one experiment with a known effect: the records serving code would publish (prediction
 * events built by the real {@link io.abtest.router.ExperimentRouter}, on a clock set to each simulated request) and
 * their delayed outcomes, mixed with malformed, duplicate, late and unmatched records in known numbers. Tests, the
 * embedded run and benchmarks feed it to the analysis job and check the job's output against {@link #summary()}.
 *
 * <p>Deterministic: the same experiment, options and seed give the same records in the same order, within one JVM.
 * (Across JVMs the key order inside {@code attributes} and {@code values} can differ, because the event records copy
 * those maps with {@link java.util.Map#copyOf}, whose iteration order is salted per JVM; the JSON is equal as JSON.)
 *
 * <p>Records come in arrival order: event-time order up to {@link SyntheticOptions#maxDisorder()}, except the LATE
 * records, which are placed far behind. The events are held as objects and each record's text is rendered when it
 * is iterated, so a million-record run costs about one event object per record, not one string.
 */
public final class SyntheticTraffic implements Iterable<SyntheticRecord> {

    private final List<PlannedRecord> records;
    private final SyntheticSummary summary;

    SyntheticTraffic(List<PlannedRecord> records, SyntheticSummary summary) {
        this.records = List.copyOf(records);
        this.summary = summary;
    }

    /**
     * Generates the traffic.
     *
     * @throws IllegalArgumentException when the options name a variant the experiment lacks, would make a
     *     conversion probability exceed 1, allow more disorder than the experiment's allowed lateness, or the
     *     targeting rule admits none of the generated units
     */
    public static SyntheticTraffic generate(ExperimentConfig experiment, SyntheticOptions options) {
        return new TrafficGenerator(experiment, options).generate();
    }

    public SyntheticSummary summary() {
        return summary;
    }

    /** Number of records, both kinds. */
    public int size() {
        return records.size();
    }

    /** The records in arrival order, each rendered as it is reached. */
    public Stream<SyntheticRecord> records() {
        return records.stream().map(PlannedRecord::render);
    }

    @Override
    public Iterator<SyntheticRecord> iterator() {
        return records().iterator();
    }

    /** Every record rendered at once, for tests of moderate size. */
    public List<SyntheticRecord> toList() {
        return records().toList();
    }

    /**
     * Writes the records as JSON lines (UTF-8, one record per line, {@code \n}), predictions and outcomes to their
     * own files, each in arrival order; parent directories are created, existing files replaced.
     */
    public void writeJsonLines(Path predictionsFile, Path outcomesFile) throws IOException {
        createParent(predictionsFile);
        createParent(outcomesFile);
        try (BufferedWriter predictions = Files.newBufferedWriter(predictionsFile, StandardCharsets.UTF_8);
                BufferedWriter outcomes = Files.newBufferedWriter(outcomesFile, StandardCharsets.UTF_8)) {
            for (PlannedRecord planned : records) {
                SyntheticRecord record = planned.render();
                BufferedWriter out = record.kind() == EventKind.PREDICTION ? predictions : outcomes;
                out.write(record.json());
                out.write('\n');
            }
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
