package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded source of a batch rerun over historical Parquet: every file under the given folders (recursively;
 * names starting with {@code .} or {@code _} are skipped, as Flink's file source does) becomes {@link RawRecord}s
 * with {@code source} = the file's path and {@code text} = the row as JSON ({@link ParquetRowJson}), for the same
 * validator as Kafka records. A file whose column types differ from {@link EventParquetSchemas} fails the read (a
 * file with the wrong schema is not a bad record); missing nullable columns read as null.
 *
 * <p>It emits no watermarks: event time is inside the text, so the job assigns timestamps after validation.
 * Parquet needs Hadoop's classes even for local files (FLINK-NOTES.md).
 */
public final class ParquetEventSource {

    private ParquetEventSource() {}

    public static FileSource<RawRecord> of(EventKind kind, Path... folders) {
        return FileSource.forBulkFileFormat(new ParquetEventFormat(kind), folders).build();
    }

    /** The source added to {@code env} with its uid and name. */
    public static DataStream<RawRecord> read(StreamExecutionEnvironment env, EventKind kind, Path... folders) {
        return env.fromSource(of(kind, folders), WatermarkStrategy.noWatermarks(), name(kind)).uid(uid(kind));
    }

    /** {@code parquet-predictions-source} or {@code parquet-outcomes-source}: the source's split state. */
    public static String uid(EventKind kind) {
        return "parquet-" + plural(kind) + "-source";
    }

    public static String name(EventKind kind) {
        return plural(kind) + " (Parquet)";
    }

    private static String plural(EventKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "s";
    }
}
