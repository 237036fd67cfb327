package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/** A local Parquet file read through {@link ParquetEventFormat}'s reader as one split, without a cluster. */
final class ParquetFileRows {

    private ParquetFileRows() {}

    static List<InputRecord> read(EventKind kind, Path file) throws IOException {
        return read(kind, file, 0);
    }

    /** The rows after the first {@code skipped}, as a split restored at that position reads them. */
    static List<InputRecord> read(EventKind kind, Path file, long skipped) throws IOException {
        return read(kind, file, 0, Files.size(file), skipped);
    }

    /** The rows of the split {@code [offset, offset + length)} of the file's bytes, as the file source cuts it. */
    static List<InputRecord> read(EventKind kind, Path file, long offset, long length) throws IOException {
        return read(kind, file, offset, length, 0);
    }

    private static List<InputRecord> read(EventKind kind, Path file, long offset, long length, long skipped)
            throws IOException {
        FileSourceSplit split = new FileSourceSplit(offset + "-" + length,
                new org.apache.flink.core.fs.Path(file.toUri()), offset, length, 0, Files.size(file));
        ParquetEventFormat format = new ParquetEventFormat(kind, EventFixtures.CATALOG, MaxEventTimeSkew.byDefault());
        List<InputRecord> rows = new ArrayList<>();
        try (BulkFormat.Reader<InputRecord> reader = skipped == 0 ? format.createReader(new Configuration(), split)
                : format.restoreReader(new Configuration(), split.updateWithCheckpointedPosition(
                        new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, skipped)))) {
            BulkFormat.RecordIterator<InputRecord> batch;
            while ((batch = reader.readBatch()) != null) {
                RecordAndPosition<InputRecord> row;
                while ((row = batch.next()) != null) {
                    rows.add(row.getRecord());
                }
                batch.releaseBatch();
            }
        }
        return rows;
    }
}
