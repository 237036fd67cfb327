package io.abtest.jobs.analysis;

import io.abtest.config.ConfigException;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.source.JsonLinesSources;
import io.abtest.jobs.analysis.source.KafkaEventSources;
import io.abtest.jobs.analysis.alert.AlertSinks;
import io.abtest.jobs.analysis.sink.StopRecordSink;
import io.abtest.jobs.analysis.source.ControlTopicSource;
import io.abtest.jobs.analysis.source.ParquetEventSource;
import io.abtest.jobs.analysis.source.InputEventTime;
import io.abtest.jobs.analysis.source.MaxEventTimeSkew;
import io.abtest.jobs.analysis.source.UnreadableColumnException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import io.abtest.jobs.analysis.rerun.BatchRerun;
import io.abtest.jobs.analysis.rerun.RerunRefused;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The analysis job: routed predictions and delayed outcomes in (Kafka when streaming, Parquet or JSON lines when
 * rerunning in batch), per-variant aggregates, results and decisions out as Parquet. Arguments and defaults:
 * {@link AnalysisJobOptions}. Exit code 2, with a message naming the problem, for bad arguments, a bad experiment
 * configuration, or an input file whose schema cannot be read ({@link UnreadableColumnException}).
 */
public final class AnalysisJob {

    /** The first line printed when an input file's schema cannot be read (the next line names file and column). */
    public static final String UNREADABLE_INPUT = "an input file cannot be read, the job failed and committed nothing";

    private AnalysisJob() {}

    public static void main(String[] args) throws Exception {
        exitOrThrow(args, StreamExecutionEnvironment.getExecutionEnvironment());
    }

    /**
     * {@link #run}, then exit with its code when it is not 0; in an application cluster ({@link ApplicationMode}) throw
     * the message instead, so that the application fails with it rather than the JobManager's process exiting.
     */
    static void exitOrThrow(String[] args, StreamExecutionEnvironment env) throws Exception {
        if (!ApplicationMode.runsMain(env.getConfiguration())) {
            int status = run(args, env, System.out, System.err);
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int status = run(args, env, System.out, new PrintStream(said, true, StandardCharsets.UTF_8));
        if (status != 0) {
            String message = said.toString(StandardCharsets.UTF_8).strip();
            System.err.println(message);
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The job on {@code env}: streaming runs until it ends; a batch rerun replaces {@code --output} when it succeeds
     * ({@link BatchRerun}).
     *
     * @return 0, or 2 for bad arguments, a bad experiment configuration, a refused rerun or an input file whose
     *     schema cannot be read (the message on {@code err} names what is wrong)
     * @throws Exception when the job fails (a batch rerun's {@code --output} is then untouched)
     */
    public static int run(String[] args, StreamExecutionEnvironment env, PrintStream out, PrintStream err)
            throws Exception {
        AnalysisJobOptions options;
        try {
            options = AnalysisJobOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("abtest analysis job: bad arguments\n" + e.getMessage());
            return 2;
        }
        ExperimentCatalog catalog;
        try {
            catalog = ExperimentCatalog.load(Path.of(options.experiments()));
        } catch (ConfigException e) {
            err.println("abtest analysis job: bad experiment configuration, nothing started\n" + e.getMessage());
            return 2;
        }
        if (options.mode() == AnalysisJobOptions.Mode.BATCH) {
            try {
                BatchRerun.run(env, catalog, options, BatchRerun.UNTIL_DONE, out);
            } catch (RerunRefused e) {
                err.println("abtest analysis job: rerun refused, nothing written\n" + e.getMessage());
                return 2;
            } catch (Exception e) {
                return unreadableInput(e, err);
            }
            return 0;
        }
        build(env, catalog, options);
        try {
            env.execute(name(options));
        } catch (Exception e) {
            return unreadableInput(e, err);
        }
        return 0;
    }

    /** 2, with the message naming file and column, when the job failed on an unreadable input file; else rethrows. */
    private static int unreadableInput(Exception failure, PrintStream err) throws Exception {
        String unreadable = UnreadableColumnException.messageIn(failure).orElseThrow(() -> failure);
        err.println("abtest analysis job: " + UNREADABLE_INPUT + "\n" + unreadable);
        return 2;
    }

    /**
     * The whole job on {@code env}: execution mode, sources, the pipeline and the Parquet outputs; when streaming,
     * also the control topic (read for resumptions, written by the automatic stop) and the alerts. The datasets go
     * straight into {@code options.output()}; {@link BatchRerun} points it at a staging folder.
     */
    public static void build(StreamExecutionEnvironment env, ExperimentCatalog catalog, AnalysisJobOptions options) {
        configure(env, options);
        ParquetOutputs outputs = new ParquetOutputs(new org.apache.flink.core.fs.Path(options.output()));
        AnalysisPipeline pipeline = new AnalysisPipeline(catalog, options);
        if (options.mode() == AnalysisJobOptions.Mode.BATCH) {
            pipeline.build(sources(env, catalog, options), outputs);
            return;
        }
        pipeline.build(sources(env, catalog, options),
                ControlTopicSource.signals(env, options.bootstrapServers(), options.groupId(), options.bounded()),
                outputs, incidents -> {
                    AlertSinks.attach(incidents, options.alerts());
                    StopRecordSink.attach(incidents, options.bootstrapServers());
                });
    }

    public static String name(AnalysisJobOptions options) {
        return "abtest analysis (" + options.mode().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /**
     * Batch mode for reruns; streaming mode checkpoints (into {@code --checkpoint-dir} when given), which is what
     * commits the Parquet files, with keyed state in {@code --state-backend} when given (RocksDB checkpoints
     * incrementally: only the files changed since the previous checkpoint are uploaded). Always without Kryo
     * ({@link KryoFallback}): every record and state type has a POJO or an explicit serializer.
     */
    public static void configure(StreamExecutionEnvironment env, AnalysisJobOptions options) {
        KryoFallback.refuse(env);
        if (options.mode() == AnalysisJobOptions.Mode.BATCH) {
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        } else {
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.enableCheckpointing(options.checkpointInterval().toMillis());
            if (options.checkpointDir() != null) {
                Configuration storage = new Configuration();
                storage.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
                env.configure(storage);
            }
            if (options.stateBackend() != null) {
                Configuration backend = new Configuration();
                backend.set(StateBackendOptions.STATE_BACKEND, options.stateBackend().configName());
                if (options.stateBackend() == AnalysisJobOptions.StateBackend.ROCKSDB) {
                    backend.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
                }
                env.configure(backend);
            }
        }
    }

    /** As {@link #sources(StreamExecutionEnvironment, ExperimentCatalog, AnalysisJobOptions)}, with the catalog loaded. */
    public static DataStream<InputRecord> sources(StreamExecutionEnvironment env, AnalysisJobOptions options) {
        return sources(env, ExperimentCatalog.load(Path.of(options.experiments())), options);
    }

    /**
     * The inputs as records parsed and validated against {@code catalog} where they are read (event times further
     * ahead of the wall clock than {@code --max-event-time-skew} rejected there), with event-time timestamps and
     * watermarks (per Kafka partition when streaming).
     */
    public static DataStream<InputRecord> sources(StreamExecutionEnvironment env, ExperimentCatalog catalog,
            AnalysisJobOptions options) {
        WatermarkStrategy<InputRecord> watermarks = InputEventTime.watermarks(options.outOfOrderness(), options.idleness());
        MaxEventTimeSkew skew = MaxEventTimeSkew.of(options.maxEventTimeSkew());
        if (options.mode() == AnalysisJobOptions.Mode.STREAMING) {
            return KafkaEventSources.read(env, catalog, options.bootstrapServers(), options.groupId(), options.bounded(),
                    skew, watermarks);
        }
        if (options.inputFormat().equals("jsonl")) {
            return JsonLinesSources.read(env, catalog, options.predictions(), EventKind.PREDICTION, skew, watermarks)
                    .union(JsonLinesSources.read(env, catalog, options.outcomes(), EventKind.OUTCOME, skew, watermarks));
        }
        org.apache.flink.core.fs.Path predictions = new org.apache.flink.core.fs.Path(options.predictions());
        org.apache.flink.core.fs.Path outcomes = new org.apache.flink.core.fs.Path(options.outcomes());
        return ParquetEventSource.read(env, catalog, EventKind.PREDICTION, skew, predictions)
                .union(ParquetEventSource.read(env, catalog, EventKind.OUTCOME, skew, outcomes))
                .assignTimestampsAndWatermarks(watermarks).name("Event time");
    }
}
