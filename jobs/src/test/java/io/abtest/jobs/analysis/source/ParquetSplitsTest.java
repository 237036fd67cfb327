package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file of many row groups, cut into byte ranges as the file source cuts a file into splits: every row is
 * read by exactly one split, in the order of the file, whatever the cut.
 */
class ParquetSplitsTest {

    @TempDir
    Path dir;

    private static List<PredictionEvent> predictions(int count) {
        List<PredictionEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new PredictionEvent("p-" + i, "exp-1", i % 2 == 0 ? "control" : "treatment", "u-" + (i % 97),
                    "r-" + i, EventFixtures.T0 + i, "ranker-1.4", 10.0 + i % 13, PredictionStatus.OK, 0.5, "click",
                    true, Map.of("country", i % 3 == 0 ? "US" : "DE")));
        }
        return events;
    }

    /** The predictions in row groups of about {@code rowGroupBytes}. */
    private Path write(List<PredictionEvent> events, int rowGroupBytes) throws IOException {
        Path file = dir.resolve("predictions.parquet");
        try (var writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(EventParquetSchemas.PREDICTION).withDataModel(GenericData.get())
                .withRowGroupSize(rowGroupBytes).withPageSize(1024).build()) {
            for (PredictionEvent event : events) {
                writer.write(EventParquetFiles.toRecord(event));
            }
        }
        return file;
    }

    /** Each row group's midpoint in the file (Hadoop's rule: a split reads the groups whose midpoint it holds). */
    private static List<Long> rowGroupMidpoints(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            return reader.getRowGroups().stream()
                    .map(group -> group.getStartingPos() + group.getCompressedSize() / 2).toList();
        }
    }

    @Test
    void everyRowIsReadByExactlyOneSplit() throws IOException {
        List<PredictionEvent> events = predictions(4_000);
        Path file = write(events, 16 * 1024);
        long size = Files.size(file);
        List<Long> midpoints = rowGroupMidpoints(file);
        int groups = midpoints.size();
        assertTrue(groups >= 4, "the file should have several row groups, has " + groups);

        for (int splits : new int[] {1, 2, 3, 7, groups * 3}) {
            List<PredictionEvent> read = new ArrayList<>();
            int nonEmpty = 0;
            int holdingMidpoints = 0;
            long step = (size + splits - 1) / splits;
            for (long offset = 0; offset < size; offset += step) {
                long end = Math.min(offset + step, size);
                List<InputRecord> rows = ParquetFileRows.read(EventKind.PREDICTION, file, offset, end - offset);
                nonEmpty += rows.isEmpty() ? 0 : 1;
                long from = offset;
                holdingMidpoints += midpoints.stream().anyMatch(m -> m >= from && m < end) ? 1 : 0;
                rows.forEach(row -> read.add(row.prediction()));
            }
            assertEquals(events, read, splits + " splits");
            assertEquals(holdingMidpoints, nonEmpty, "the splits holding a row group's midpoint read, of " + splits);
            if (splits > 1) {
                assertTrue(nonEmpty > 1, "the file is read in parallel with " + splits + " splits");
            }
        }
    }
}
