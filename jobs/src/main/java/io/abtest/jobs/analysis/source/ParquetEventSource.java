package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The bounded source of a batch rerun over historical Parquet: every file under the given folders (recursively;
 * names starting with {@code .} or {@code _} are skipped, as Flink's file source does) becomes {@link InputRecord}s
 * with {@code source} = the file's path, each row read straight into the fields the validator judges and validated
 * by the same rules as a Kafka record ({@link ParquetEventFormat}). Columns are found by name, in any order; each
 * may be stored in any of the shapes {@link ParquetColumnShape} lists (maps, pyarrow's structs, JSON strings,
 * timestamps, ...). A file with a column stored otherwise fails the job, naming the file and the column
 * ({@link UnreadableColumnException}; a file with the wrong schema is not a bad record); missing columns read as null;
 * other columns are not read.
 *
 * <p>It emits no watermarks; the job assigns them after the union of both kinds. Parquet needs Hadoop's classes even
 * for local files (FLINK-NOTES.md).
 */
public final class ParquetEventSource {

    private ParquetEventSource() {}

    public static FileSource<InputRecord> of(ExperimentCatalog catalog, EventKind kind, MaxEventTimeSkew skew,
            Path... folders) {
        return FileSource.forBulkFileFormat(new ParquetEventFormat(kind, catalog, skew), folders).build();
    }

    /**
     * The source added to {@code env} with its uid and name; events are validated against {@code catalog}, and their
     * event times against {@code skew}.
     */
    public static DataStream<InputRecord> read(StreamExecutionEnvironment env, ExperimentCatalog catalog, EventKind kind,
            MaxEventTimeSkew skew, Path... folders) {
        return env.fromSource(of(catalog, kind, skew, folders), WatermarkStrategy.noWatermarks(), name(kind))
                .uid(uid(kind));
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
