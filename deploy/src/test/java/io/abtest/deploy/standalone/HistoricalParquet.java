package io.abtest.deploy.standalone;

import com.fasterxml.jackson.databind.ObjectReader;
import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.source.EventParquetFiles;
import io.abtest.jobs.synthetic.SyntheticRecord;
import io.abtest.jobs.synthetic.SyntheticTraffic;
import io.abtest.jobs.synthetic.Truth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic traffic as the historical Parquet datasets a batch rerun reads ({@code predictions/}, {@code outcomes/},
 * two files each, columns as CONTRACT.md section 1): every record but the malformed ones, which Parquet cannot hold
 * (duplicates and unmatched outcomes included).
 */
final class HistoricalParquet {

    private HistoricalParquet() {}

    static void write(SyntheticTraffic traffic, Path root) {
        ObjectReader predictionReader = EventJson.reader().forType(PredictionEvent.class);
        ObjectReader outcomeReader = EventJson.reader().forType(OutcomeEvent.class);
        List<PredictionEvent> predictions = new ArrayList<>();
        List<OutcomeEvent> outcomes = new ArrayList<>();
        try {
            for (SyntheticRecord record : traffic) {
                if (record.truth().kind() == Truth.Kind.MALFORMED) {
                    continue;
                }
                if (record.kind() == EventKind.PREDICTION) {
                    predictions.add(predictionReader.readValue(record.json()));
                } else {
                    outcomes.add(outcomeReader.readValue(record.json()));
                }
            }
            Files.createDirectories(root.resolve("predictions"));
            Files.createDirectories(root.resolve("outcomes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int half = predictions.size() / 2;
        EventParquetFiles.writePredictions(root.resolve("predictions/part-0.parquet"), predictions.subList(0, half));
        EventParquetFiles.writePredictions(root.resolve("predictions/part-1.parquet"),
                predictions.subList(half, predictions.size()));
        half = outcomes.size() / 2;
        EventParquetFiles.writeOutcomes(root.resolve("outcomes/part-0.parquet"), outcomes.subList(0, half));
        EventParquetFiles.writeOutcomes(root.resolve("outcomes/part-1.parquet"), outcomes.subList(half, outcomes.size()));
    }
}
