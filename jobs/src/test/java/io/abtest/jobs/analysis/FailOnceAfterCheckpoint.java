package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.records.InputRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

/**
 * Passes input records through unchanged (slowly until two checkpoints have completed), and throws once per run name
 * and test JVM ({@link #failed}) when two checkpoints have completed and this subtask has seen {@code failAfter}
 * records, so that Flink restarts the job from that checkpoint.
 */
final class FailOnceAfterCheckpoint extends RichMapFunction<InputRecord, InputRecord> implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    private static final Map<String, AtomicBoolean> FAILED = new ConcurrentHashMap<>();

    private final String run;
    private final long failAfter;
    private transient long seen;
    private transient long checkpoints;

    FailOnceAfterCheckpoint(String run, long failAfter) {
        this.run = run;
        this.failAfter = failAfter;
    }

    /** Whether the failure of {@code run} was injected. */
    static boolean failed(String run) {
        return FAILED.computeIfAbsent(run, name -> new AtomicBoolean()).get();
    }

    @Override
    public InputRecord map(InputRecord record) throws InterruptedException {
        seen++;
        if (checkpoints < 2) {
            Thread.sleep(1);
        }
        if (checkpoints >= 2 && seen >= failAfter && FAILED.computeIfAbsent(run, name -> new AtomicBoolean()).compareAndSet(false, true)) {
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
