package io.abtest.jobs.analysis.source;

import io.abtest.event.EventValidator;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Batch input: files (or folders of files) of JSON lines, one event per line, as bounded sources. Each line is parsed
 * and validated once, by {@link JsonEventReader} in an operator chained to the source. Accepted lines do not keep
 * their text: a batch rerun dead-letters nothing as late (see {@code DropLate}), the only verdict after validation
 * that needs it, and a rejected line keeps its text in its rejection.
 */
public final class JsonLinesSources {

    private JsonLinesSources() {}

    public static DataStream<InputRecord> read(StreamExecutionEnvironment env, ExperimentCatalog catalog, String path,
            EventKind kind, MaxEventTimeSkew skew, WatermarkStrategy<InputRecord> watermarks) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(path)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "JSON lines " + path)
                .uid("source-jsonl-" + name)
                .map(new ReadLine(catalog, kind, path, skew))
                .name("Parse " + name + " lines")
                .assignTimestampsAndWatermarks(watermarks)
                .name("Event time of " + name + " records");
    }

    private static final class ReadLine extends RichMapFunction<String, InputRecord> {

        private static final long serialVersionUID = 1L;

        private final ExperimentCatalog catalog;
        private final EventKind kind;
        private final String path;
        private final MaxEventTimeSkew skew;
        private transient JsonEventReader reader;

        ReadLine(ExperimentCatalog catalog, EventKind kind, String path, MaxEventTimeSkew skew) {
            this.catalog = catalog;
            this.kind = kind;
            this.path = path;
            this.skew = skew;
        }

        @Override
        public void open(OpenContext openContext) {
            reader = new JsonEventReader(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, false, skew);
        }

        @Override
        public InputRecord map(String line) {
            return reader.read(kind, path, line);
        }
    }
}
