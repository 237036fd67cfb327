package io.abtest.jobs.analysis.rerun;

import io.abtest.jobs.analysis.AnalysisJob;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A batch rerun that replaces {@code --output} as a whole or not at all: refuses a detached submission
 * ({@link AttachedSubmission}) and missing or empty input ({@link RerunInput}), writes every dataset into a staging
 * folder ({@link StagedOutput}), waits for the job, then moves the staging folder into place; when the job fails or
 * is cancelled, deletes it and leaves {@code --output} as it was. Rerunning the same input so gives the same rows,
 * never the previous run's rows plus this one's.
 */
public final class BatchRerun {

    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** How the caller waits for the job: {@link #UNTIL_DONE}, or with progress lines (local reruns). */
    @FunctionalInterface
    public interface JobWait {
        /** @throws Exception when the job failed or was cancelled */
        JobExecutionResult await(JobClient job, Path staging) throws Exception;
    }

    public static final JobWait UNTIL_DONE = (job, staging) -> job.getJobExecutionResult().get();

    private BatchRerun() {}

    /**
     * @throws RerunRefused before anything is written, naming the argument at fault
     * @throws Exception the job's failure, after the staging folder was deleted
     */
    public static JobExecutionResult run(StreamExecutionEnvironment env, ExperimentCatalog catalog,
            AnalysisJobOptions options, JobWait wait, PrintStream log) throws Exception {
        AttachedSubmission.require(env.getConfiguration());
        RerunInput.requireFiles("--predictions", options.predictions());
        RerunInput.requireFiles("--outcomes", options.outcomes());
        StagedOutput output = StagedOutput.prepare(new Path(options.output()), runId(), options.cleanLeftovers(),
                step -> log.println("rerun: " + step));
        log.println("rerun: writing into " + output.staging() + ", moved to " + output.output() + " when complete");
        JobClient job = null;
        CancelOnShutdown cancelOnShutdown = null;
        JobExecutionResult result;
        try {
            AnalysisJob.build(env, catalog, options.withOutput(output.staging().toString()));
            job = env.executeAsync(AnalysisJob.name(options));
            cancelOnShutdown = new CancelOnShutdown(job, output, log);
            result = wait.await(job, output.staging());
            cancelOnShutdown.swapping();
        } catch (Exception | Error e) {
            if (cancelOnShutdown != null) {
                cancelOnShutdown.close();
            }
            cancel(job);
            try {
                output.discard();
                log.println("rerun: failed; " + output.output() + " untouched, " + output.staging() + " deleted");
            } catch (java.io.IOException discardFailure) {
                e.addSuppressed(discardFailure);
                log.println("rerun: failed; " + output.output() + " untouched; could not delete " + output.staging());
            }
            throw e;
        }
        try {
            output.publish();
        } finally {
            cancelOnShutdown.close();
        }
        log.println("rerun: " + output.output() + " replaced");
        return result;
    }

    /** A job still running when waiting stopped (the caller was interrupted) must not write on into a deleted folder. */
    private static void cancel(JobClient job) {
        if (job == null) {
            return;
        }
        try {
            if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        } catch (Exception e) {
            // the job already ended (its result was the failure being reported) or the cluster is gone
        }
    }

    /** UTC start time and a random suffix: sorts by time, and two runs started in the same second differ. */
    static String runId() {
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        return RUN_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + HexFormat.of().formatHex(random);
    }
}
