package io.abtest.bench.job;

import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One measured run of the analysis job, in a JVM of its own (started by {@link JobBenchmark}): the job exactly as
 * {@code AnalysisJob.build} wires it, on a Flink mini cluster in this JVM with the given parallelism, printing progress
 * every 5 s and writing its {@link Measurement} at the end.
 *
 * <p>Arguments: {@code MEASUREMENT_FILE PARALLELISM} then the job's own ({@link AnalysisJobOptions}).
 */
public final class MeasuredJobRun {

    private static final long PROGRESS_EVERY_MS = 5_000;

    private MeasuredJobRun() {}

    public static void main(String[] args) throws Exception {
        QuietLogging.apply();
        int status = 1;
        try {
            run(Path.of(args[0]), Integer.parseInt(args[1]), Arrays.copyOfRange(args, 2, args.length));
            status = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            // mini-cluster threads can keep the JVM alive after a failure
            System.exit(status);
        }
    }

    /**
     * Managed memory of the mini cluster, where a batch run sorts its keyed inputs: 1 GB, as {@code local rerun}
     * gives it (the mini cluster's default, 128 MB, spills at these sizes; a real TaskManager gets a share of its
     * memory, {@code taskmanager.memory.managed.fraction}, usually more).
     */
    private static final MemorySize SORT_MEMORY = MemorySize.ofMebiBytes(1024);

    private static void run(Path measurementFile, int parallelism, String[] jobArgs) throws Exception {
        HeapHighWater heap = HeapHighWater.watch();
        AnalysisJobOptions options = AnalysisJobOptions.parse(jobArgs);
        ExperimentCatalog catalog = ExperimentCatalog.load(Path.of(options.experiments()));
        Configuration cluster = new Configuration();
        cluster.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, SORT_MEMORY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, cluster);
        AnalysisJob.build(env, catalog, options);
        boolean streaming = options.mode() == AnalysisJobOptions.Mode.STREAMING;
        Measurement measurement = new Measurement();
        try (CheckpointSizes checkpoints = streaming ? CheckpointSizes.watch(Path.of(URI.create(options.checkpointDir())))
                : null;
                ConsumedRecords consumed = streaming ? new ConsumedRecords(options.bootstrapServers(), options.groupId())
                        : null) {
            long started = System.nanoTime();
            JobClient job = env.executeAsync(AnalysisJob.name(options));
            CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
            JobExecutionResult finished = null;
            while (finished == null) {
                try {
                    finished = result.get(PROGRESS_EVERY_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    System.out.printf("%5ds %-9s heap %s (after GC %s)%s%n",
                            TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), status(job),
                            Bytes.text(heap.peakUsed()), Bytes.text(heap.peakAfterCollection()), !streaming ? ""
                                    : String.format(", consumed %,d, checkpoints %d (largest %s)", consumed.count(),
                                            checkpoints.completed(), Bytes.text(checkpoints.largest())));
                }
            }
            measurement.put("submit_to_finish_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            measurement.put("run_ms", finished.getNetRuntime());
            if (streaming) {
                checkpoints.close();
                measurement.put("checkpoints", checkpoints.completed());
                measurement.put("checkpoint_largest_bytes", checkpoints.largest());
                measurement.put("checkpoint_last_bytes", checkpoints.last());
            }
        }
        measurement.put("heap_peak_bytes", heap.peakUsed());
        measurement.put("heap_after_gc_peak_bytes", heap.peakAfterCollection());
        measurement.write(measurementFile);
    }

    private static String status(JobClient job) {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }
}
