package io.abtest.local;

import io.abtest.config.ConfigException;
import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.rerun.BatchRerun;
import io.abtest.jobs.analysis.rerun.RerunRefused;
import io.abtest.jobs.analysis.source.UnreadableColumnException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code rerun}: the analysis job exactly as {@code flink run} would run it in batch mode, but on a Flink mini
 * cluster in this JVM, so an analyst can rerun a day of Parquet on a laptop. Takes the job's arguments
 * ({@link AnalysisJobOptions}); {@code --mode} defaults to {@code batch}. Prints progress, then the results. An input
 * file whose schema cannot be read ends it with exit code 2 and the message naming the file and the column, without
 * Flink's stack trace.
 */
final class LocalRerun {

    /**
     * Managed (off-heap) memory of the mini cluster, which a batch run sorts its keyed inputs in: the local
     * default, 128 MB, spills to disk from about a million events; 1 GB cut the CPU time of a 0.5M-event rerun by 15%.
     */
    static final MemorySize SORT_MEMORY = MemorySize.ofMebiBytes(1024);

    private LocalRerun() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        List<String> withMode = new ArrayList<>(List.of("--mode", "batch"));
        withMode.addAll(args);
        AnalysisJobOptions options;
        ExperimentCatalog catalog;
        try {
            options = AnalysisJobOptions.parse(withMode.toArray(String[]::new));
            catalog = ExperimentCatalog.load(Path.of(options.experiments()));
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("rerun: " + e.getMessage());
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        if (options.mode() != AnalysisJobOptions.Mode.BATCH) {
            err.println("rerun: --mode: must be batch (a streaming run is the demo's or a cluster's)");
            return LocalMain.EXIT_BAD_OPTIONS;
        }
        Path output = Path.of(options.output()).toAbsolutePath();
        try {
            Configuration cluster = new Configuration();
            cluster.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, SORT_MEMORY);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(cluster);
            out.printf("rerun: %s over %s and %s, writing to %s%n", AnalysisJob.name(options), options.predictions(),
                    options.outcomes(), output);
            BatchRerun.run(env, catalog, options,
                    (job, staging) -> RunningJob.await(job, localFolder(staging, output), () -> "", out), out);
            ResultsReport.print(output, out);
            return LocalMain.EXIT_OK;
        } catch (RerunRefused e) {
            err.println("rerun: refused, nothing written\n" + e.getMessage());
            return LocalMain.EXIT_BAD_OPTIONS;
        } catch (Exception e) {
            Optional<String> unreadable = UnreadableColumnException.messageIn(e);
            if (unreadable.isPresent()) {
                err.println("rerun: " + AnalysisJob.UNREADABLE_INPUT + "\n" + unreadable.get());
                return LocalMain.EXIT_BAD_OPTIONS;
            }
            err.println("rerun failed: " + e);
            e.printStackTrace(err);
            return LocalMain.EXIT_FAILED;
        }
    }

    /** The staging folder as a local path for the progress lines' file counts; the output's when not local. */
    private static Path localFolder(org.apache.flink.core.fs.Path staging, Path output) {
        java.net.URI uri = staging.toUri();
        return "file".equals(uri.getScheme()) ? Path.of(uri) : output;
    }
}
