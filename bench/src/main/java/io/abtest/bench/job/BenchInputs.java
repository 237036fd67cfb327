package io.abtest.bench.job;

import com.fasterxml.jackson.databind.ObjectReader;
import io.abtest.config.ExperimentConfig;
import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.source.EventParquetFiles;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import io.abtest.jobs.synthetic.SyntheticOptions;
import io.abtest.jobs.synthetic.SyntheticRecord;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import io.abtest.jobs.synthetic.Truth;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Generates a scenario's traffic with the project's generator and writes the same records three ways: published to
 * Kafka (when a publisher is given), as JSON lines and as Parquet ({@link EventParquetFiles}, every record but the
 * malformed ones). Each slice is written as {@code files} files per kind, so a batch rerun can read with that
 * parallelism (a Parquet file is not split).
 */
final class BenchInputs {

    /** What was written, for the rates and the checks. */
    record Written(Path jsonPredictions, Path jsonOutcomes, Path parquetPredictions, Path parquetOutcomes,
            long records, long parquetRows, long units, Map<String, Long> singleVariantUnits) {}

    private static final ObjectReader PREDICTION = EventJson.reader().forType(PredictionEvent.class);
    private static final ObjectReader OUTCOME = EventJson.reader().forType(OutcomeEvent.class);

    private BenchInputs() {}

    static Written write(ExperimentConfig experiment, List<SyntheticOptions> slices, int files, Path root,
            KafkaTrafficPublisher publisher, PrintStream out) throws IOException {
        Path jsonPredictions = Files.createDirectories(root.resolve("jsonl/predictions"));
        Path jsonOutcomes = Files.createDirectories(root.resolve("jsonl/outcomes"));
        Path parquetPredictions = Files.createDirectories(root.resolve("parquet/predictions"));
        Path parquetOutcomes = Files.createDirectories(root.resolve("parquet/outcomes"));
        long records = 0;
        long parquetRows = 0;
        long units = 0;
        Map<String, Long> singleVariantUnits = new TreeMap<>();
        for (int s = 0; s < slices.size(); s++) {
            long started = System.nanoTime();
            SyntheticTraffic traffic = SyntheticTraffic.generate(experiment, slices.get(s));
            if (publisher != null) {
                publisher.publish(traffic);
            }
            List<SyntheticRecord> predictions = new ArrayList<>();
            List<SyntheticRecord> outcomes = new ArrayList<>();
            traffic.records().forEach(r -> (r.kind() == EventKind.PREDICTION ? predictions : outcomes).add(r));
            for (int f = 0; f < files; f++) {
                String name = "part-" + s + "-" + f;
                writeJsonLines(jsonPredictions.resolve(name + ".jsonl"), chunk(predictions, f, files));
                writeJsonLines(jsonOutcomes.resolve(name + ".jsonl"), chunk(outcomes, f, files));
                List<PredictionEvent> p = parse(chunk(predictions, f, files), PREDICTION);
                List<OutcomeEvent> o = parse(chunk(outcomes, f, files), OUTCOME);
                EventParquetFiles.writePredictions(parquetPredictions.resolve(name + ".parquet"), p);
                EventParquetFiles.writeOutcomes(parquetOutcomes.resolve(name + ".parquet"), o);
                parquetRows += p.size() + o.size();
            }
            records += traffic.size();
            units += traffic.summary().singleVariantUnits().values().stream().mapToLong(Long::longValue).sum()
                    + traffic.summary().multipleExposureUnits();
            traffic.summary().singleVariantUnits().forEach((v, n) -> singleVariantUnits.merge(v, n, Long::sum));
            out.printf("  slice %d of %d: %,d records (%,d units) generated and written in %d s%s%n", s + 1,
                    slices.size(), traffic.size(), slices.get(s).units(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), publisher == null ? "" : ", Kafka included");
        }
        return new Written(jsonPredictions, jsonOutcomes, parquetPredictions, parquetOutcomes, records, parquetRows,
                units, singleVariantUnits);
    }

    private static <T> List<T> chunk(List<T> all, int index, int count) {
        return all.subList((int) ((long) all.size() * index / count), (int) ((long) all.size() * (index + 1) / count));
    }

    private static void writeJsonLines(Path file, List<SyntheticRecord> records) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (SyntheticRecord record : records) {
                writer.write(record.json());
                writer.write('\n');
            }
        }
    }

    /** The events of the records that are JSON events (malformed records have no Parquet form). */
    private static <T> List<T> parse(List<SyntheticRecord> records, ObjectReader reader) throws IOException {
        List<T> events = new ArrayList<>(records.size());
        for (SyntheticRecord record : records) {
            if (record.truth().kind() != Truth.Kind.MALFORMED) {
                events.add(reader.readValue(record.json()));
            }
        }
        return events;
    }
}
