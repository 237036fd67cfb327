package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;

/**
 * Reads Parquet files of one event kind into {@link InputRecord}s, parsed and validated as they are read
 * ({@link ParquetEventReader}), tagged with the file they came from.
 *
 * <p>Splittable: the file source cuts a file into the splits its file system reports as blocks, and each split reads
 * the row groups that start in it. A local file is one block, so it is one split (read parallelism is at most the
 * number of files there); on HDFS or an object store a large file is read in parallel by row group.
 */
final class ParquetEventFormat implements BulkFormat<InputRecord, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    private final EventKind kind;
    private final ExperimentCatalog catalog;
    private final MaxEventTimeSkew skew;

    ParquetEventFormat(EventKind kind, ExperimentCatalog catalog, MaxEventTimeSkew skew) {
        this.kind = kind;
        this.catalog = catalog;
        this.skew = skew;
    }

    @Override
    public Reader<InputRecord> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return new ParquetEventReader(catalog, kind, split, skew);
    }

    @Override
    public Reader<InputRecord> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        return new ParquetEventReader(catalog, kind, split, skew);
    }

    @Override
    public boolean isSplittable() {
        return true;
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
        return TypeInformation.of(InputRecord.class);
    }
}
