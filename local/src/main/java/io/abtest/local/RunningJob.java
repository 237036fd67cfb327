package io.abtest.local;

import io.abtest.jobs.analysis.sink.ParquetDataset;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;

/** Waits for a job on the local mini cluster, printing a progress line every few seconds. */
final class RunningJob {

    static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    private RunningJob() {}

    /**
     * @param progress what to add to each line (e.g. records consumed), besides elapsed time, job status and the
     *     committed Parquet files under {@code output}
     * @throws ExecutionException when the job fails, with Flink's failure as the cause
     */
    static JobExecutionResult await(JobClient job, Path output, Supplier<String> progress, PrintStream out)
            throws ExecutionException, InterruptedException {
        long started = System.nanoTime();
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (true) {
            try {
                return result.get(PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                out.printf("  %4ds  %-9s %s  committed files: %s%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), status(job), progress.get(),
                        committedFiles(output));
            }
        }
    }

    private static String status(JobClient job) {
        try {
            return job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNKNOWN";
        } catch (ExecutionException | TimeoutException e) {
            return "UNKNOWN";
        }
    }

    private static String committedFiles(Path output) {
        return ParquetDataset.all().stream()
                .map(d -> d.name() + " " + new ParquetFolder(output.resolve(d.name())).committedFiles().size())
                .collect(Collectors.joining(", "));
    }
}
