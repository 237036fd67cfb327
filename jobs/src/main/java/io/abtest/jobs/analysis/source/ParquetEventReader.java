package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetInputFile;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;

/**
 * Reads the row groups of one split of a Parquet file (those whose midpoint lies in the split's byte range, the rule
 * of Hadoop's ParquetInputFormat, so each row group is read by exactly one split) with parquet-hadoop's record reader,
 * in batches of {@link #BATCH_ROWS} input records.
 *
 * <p>Position: no byte offset, and the number of rows of the split read so far; a restored split skips that many
 * rows.
 */
final class ParquetEventReader implements BulkFormat.Reader<InputRecord> {

    static final int BATCH_ROWS = 1024;

    private final ParquetFileReader file;
    private final MessageColumnIO columns;
    private final ParquetRowMaterializer materializer;
    private final ParquetRowEvents events;
    private RecordReader<ParquetRow> rows;
    private long rowsLeftInGroup;
    private long rowsRead;

    ParquetEventReader(ExperimentCatalog catalog, EventKind kind, FileSourceSplit split, MaxEventTimeSkew skew)
            throws IOException {
        String source = split.path().toString();
        FileSystem fileSystem = split.path().getFileSystem();
        ParquetReadOptions options = ParquetReadOptions.builder()
                .withRange(split.offset(), split.offset() + split.length())
                .build();
        this.file = new ParquetFileReader(
                new ParquetInputFile(fileSystem.open(split.path()), split.fileSize()), options);
        try {
            this.materializer = new ParquetRowMaterializer(EventParquetSchemas.of(kind),
                    file.getFooter().getFileMetaData().getSchema(), file.getFooter().getBlocks(), source);
            file.setRequestedSchema(materializer.requested());
            this.columns = new ColumnIOFactory().getColumnIO(materializer.requested(),
                    file.getFooter().getFileMetaData().getSchema());
            this.events = new ParquetRowEvents(catalog, kind, source, skew);
            long skip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
            for (long i = 0; i < skip && nextRow() != null; i++) {
                rowsRead++;
            }
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public BulkFormat.RecordIterator<InputRecord> readBatch() throws IOException {
        InputRecord[] batch = new InputRecord[BATCH_ROWS];
        int size = 0;
        ParquetRow row;
        while (size < BATCH_ROWS && (row = nextRow()) != null) {
            batch[size++] = events.of(row);
        }
        if (size == 0) {
            return null;
        }
        ArrayResultIterator<InputRecord> records = new ArrayResultIterator<>();
        records.set(batch, size, CheckpointedPosition.NO_OFFSET, rowsRead);
        rowsRead += size;
        return records;
    }

    /** The next row of the split, or null at its end. */
    private ParquetRow nextRow() throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore group = file.readNextRowGroup();
            if (group == null) {
                return null;
            }
            rows = columns.getRecordReader(group, materializer, FilterCompat.NOOP);
            rowsLeftInGroup = group.getRowCount();
        }
        rowsLeftInGroup--;
        return rows.read();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
