package io.abtest.jobs.analysis.rerun;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;

/**
 * While a rerun waits for its job, a shutdown of the waiting JVM (Ctrl-C or SIGTERM of {@code flink run} or
 * {@code local rerun}, a JobManager pod stopped in application mode) cancels the job and deletes the staging folder:
 * nothing would ever move that job's output into place, so it would only run on and leave a folder behind. A JVM
 * killed outright (SIGKILL) runs no hook: the next rerun finds the folder ({@link Leftovers}). Once the swap has begun
 * ({@link #swapping()}) the hook leaves everything as it is.
 */
final class CancelOnShutdown implements AutoCloseable {

    private static final long CANCEL_WAIT_SECONDS = 30;

    private final AtomicBoolean swapping = new AtomicBoolean();
    private final Thread hook;

    CancelOnShutdown(JobClient job, StagedOutput output, PrintStream log) {
        this.hook = new Thread(() -> {
            if (swapping.get()) {
                return;
            }
            log.println("rerun: stopping; cancelling job " + job.getJobID() + " and deleting " + output.staging());
            try {
                job.cancel().get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.println("rerun: could not cancel job " + job.getJobID() + ": " + e);
            }
            try {
                output.discard();
            } catch (Exception e) {
                log.println("rerun: could not delete " + output.staging() + ": " + e);
            }
        }, "abtest rerun: cancel on shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The job ended; from now on a shutdown leaves the output and staging folder to the swap. */
    void swapping() {
        swapping.set(true);
    }

    @Override
    public void close() {
        swapping.set(true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook has started or is about to: it sees the flag
        }
    }
}
