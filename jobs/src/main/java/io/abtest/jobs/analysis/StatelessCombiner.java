package io.abtest.jobs.analysis;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;

/**
 * A combiner chained before a keyed shuffle that holds what it has combined only between checkpoints: everything
 * held leaves before each checkpoint barrier and at the end of the input, so the operator has no state to snapshot
 * or restore. What leaves at a watermark is each subclass's rule.
 */
public abstract class StatelessCombiner<IN, OUT> extends AbstractStreamOperator<OUT>
        implements OneInputStreamOperator<IN, OUT> {

    private static final long serialVersionUID = 1L;

    /** Emits everything held. */
    protected abstract void flush();

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }
}
