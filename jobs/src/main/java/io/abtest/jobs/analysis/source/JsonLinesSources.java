package io.abtest.jobs.analysis.source;

import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Batch input: files (or folders of files) of JSON lines, one event per line, as bounded sources. */
public final class JsonLinesSources {

    private JsonLinesSources() {}

    public static DataStream<RawRecord> raw(StreamExecutionEnvironment env, String path, EventKind kind,
            WatermarkStrategy<RawRecord> watermarks) {
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(path)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "JSON lines " + path)
                .uid("source-jsonl-" + kind.name().toLowerCase(java.util.Locale.ROOT))
                .map(line -> new RawRecord(kind, path, line))
                .name("To raw " + kind.name().toLowerCase(java.util.Locale.ROOT) + " records")
                .assignTimestampsAndWatermarks(watermarks)
                .name("Event time of " + kind.name().toLowerCase(java.util.Locale.ROOT) + " records");
    }
}
