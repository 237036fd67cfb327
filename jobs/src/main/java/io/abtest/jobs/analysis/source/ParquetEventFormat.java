package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import java.io.IOException;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.impl.StreamFormatAdapter;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.formats.parquet.avro.AvroParquetReaders;

/**
 * Reads Parquet files of one event kind into {@link RawRecord}s tagged with the file they came from.
 *
 * <p>flink-parquet's {@link AvroParquetReaders#forGenericRecord} is a {@code StreamFormat}, which sees a stream but
 * not its path, and a map after the source would not know the file either. So this format adapts it to a
 * {@link BulkFormat} (as {@code FileSource.forRecordStreamFormat} does internally) and renders each row while the
 * split, and so the path, is at hand. Offsets and skip counts pass through unchanged, so a restored split resumes
 * at the same row. Files are not split: read parallelism is at most the number of files.
 */
final class ParquetEventFormat implements BulkFormat<RawRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final EventKind kind;
    private final BulkFormat<GenericRecord, FileSourceSplit> rows;

    ParquetEventFormat(EventKind kind) {
        this.kind = kind;
        this.rows = new StreamFormatAdapter<>(AvroParquetReaders.forGenericRecord(EventParquetSchemas.of(kind)));
    }

    @Override
    public Reader<RawRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new SourceTaggingReader(rows.createReader(config, split), split.path().toString());
    }

    @Override
    public Reader<RawRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return new SourceTaggingReader(rows.restoreReader(config, split), split.path().toString());
    }

    @Override
    public boolean isSplittable() {
        return rows.isSplittable();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }

    private final class SourceTaggingReader implements Reader<RawRecord> {

        private final Reader<GenericRecord> rowReader;
        private final String source;

        SourceTaggingReader(Reader<GenericRecord> rowReader, String source) {
            this.rowReader = rowReader;
            this.source = source;
        }

        @Override
        public RecordIterator<RawRecord> readBatch() throws IOException {
            RecordIterator<GenericRecord> batch = rowReader.readBatch();
            return batch == null ? null : new RecordIterator<>() {
                @Override
                public RecordAndPosition<RawRecord> next() {
                    RecordAndPosition<GenericRecord> row = batch.next();
                    return row == null ? null : new RecordAndPosition<>(
                            new RawRecord(kind, source, ParquetRowJson.render(row.getRecord())),
                            row.getOffset(), row.getRecordSkipCount());
                }

                @Override
                public void releaseBatch() {
                    batch.releaseBatch();
                }
            };
        }

        @Override
        public void close() throws IOException {
            rowReader.close();
        }
    }
}
