package io.abtest.jobs.analysis.sink;

import org.apache.avro.generic.GenericRecord;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.avro.typeutils.GenericRecordAvroTypeInfo;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * Writes the output datasets as Parquet through Flink's {@link FileSink} with a bulk Parquet writer.
 *
 * <p>Layout: {@code <outputRoot>/<dataset>/part-<writer uuid>-<subtask>-<counter>.parquet}, one flat folder per
 * dataset. Flink's default bucket assigner would add {@code yyyy-MM-dd--HH} folders, but those hours are the
 * writer's wall clock, not event time: a batch rerun of last week's data would land in today's folder and a
 * streaming run's rows of one window could straddle two folders, so the folders would mean nothing to an analyst.
 * The rows carry their own times ({@code window_start}, {@code as_of}, {@code seen_at}) to filter on, and every
 * reader the contract names takes the flat folder ({@code read_parquet('aggregates/*.parquet')},
 * {@code pyarrow.dataset.dataset('aggregates/')}). The cost is many files in one folder on a long streaming run (one
 * per subtask per checkpoint with rows), which a compaction job or a longer checkpoint interval keeps in check.
 *
 * <p>Exactly-once: bulk formats roll on every checkpoint ({@link OnCheckpointRollingPolicy}); a part file is
 * written as a hidden {@code .part-*.inprogress.*} file and becomes visible under its final name only when the
 * checkpoint that covers it completes, so readers never see rows a restart will replay. Without checkpointing a
 * streaming job never commits a file; a batch job commits at the end of its input. The sink adds to what a folder holds,
 * so a batch rerun writes into a fresh staging folder that replaces its output root when complete
 * ({@code rerun.StagedOutput}).
 *
 * <p>Files are uncompressed Parquet with parquet-avro's defaults (dictionary encoding on), as
 * {@link AvroParquetWriters#forGenericRecord} builds them.
 */
public final class ParquetDatasets {

    public static final String PART_SUFFIX = ".parquet";

    private ParquetDatasets() {}

    /** Converts {@code rows} to Avro records and writes them to {@code <outputRoot>/<dataset name>/}. */
    public static <T> DataStreamSink<GenericRecord> write(DataStream<T> rows, Path outputRoot, ParquetDataset<T> dataset) {
        return rows.map(dataset.toAvro())
                .returns(new GenericRecordAvroTypeInfo(dataset.schema()))
                .uid(dataset.converterUid())
                .name(dataset.converterName())
                .sinkTo(fileSink(outputRoot, dataset))
                .uid(dataset.sinkUid())
                .name(dataset.sinkName());
    }

    /** The sink for one dataset's Avro records, committing part files on checkpoints. */
    public static FileSink<GenericRecord> fileSink(Path outputRoot, ParquetDataset<?> dataset) {
        return FileSink.forBulkFormat(new Path(outputRoot, dataset.name()),
                        AvroParquetWriters.forGenericRecord(dataset.schema()))
                .withBucketAssigner(new BasePathBucketAssigner<>())
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(OutputFileConfig.builder().withPartSuffix(PART_SUFFIX).build())
                .build();
    }
}
