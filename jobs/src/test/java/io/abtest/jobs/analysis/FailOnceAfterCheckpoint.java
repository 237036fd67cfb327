package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.records.InputRecord;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes input records through unchanged (slowly until two checkpoints have completed), and throws once (per
 * {@link #FAILED} flag, i.e. once per test JVM run) when two checkpoints have completed and this subtask has seen
 * {@code failAfter} records, so that Flink restarts the job from that checkpoint.
 */
final class FailOnceAfterCheckpoint extends RichMapFunction<InputRecord, InputRecord> implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    static final AtomicBoolean FAILED = new AtomicBoolean();

    private final long failAfter;
    private transient long seen;
    private transient long checkpoints;

    FailOnceAfterCheckpoint(long failAfter) {
        this.failAfter = failAfter;
    }

    @Override
    public InputRecord map(InputRecord record) throws InterruptedException {
        seen++;
        if (checkpoints < 2) {
            Thread.sleep(1);
        }
        if (checkpoints >= 2 && seen >= failAfter && FAILED.compareAndSet(false, true)) {
            System.out.printf("injecting a failure after %d records and %d checkpoints%n", seen, checkpoints);
            throw new IllegalStateException("injected failure after " + seen + " records");
        }
        return record;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpoints++;
    }
}
