package io.abtest.jobs.analysis;

import io.abtest.jobs.analysis.records.InputRecord;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A keyed operator that records which keyed state backend its subtasks were given ({@link #BACKENDS}, class names,
 * per test JVM) and passes its input through: the state backend is chosen for the whole job, so this is the one the
 * analysis operators keep their state in.
 */
final class KeyedStateBackendProbe extends AbstractStreamOperator<InputRecord>
        implements OneInputStreamOperator<InputRecord, InputRecord> {

    private static final long serialVersionUID = 1L;

    static final Set<String> BACKENDS = ConcurrentHashMap.newKeySet();

    @Override
    public void open() throws Exception {
        super.open();
        BACKENDS.add(getKeyedStateBackend().getClass().getName());
    }

    @Override
    public void processElement(StreamRecord<InputRecord> element) {
        output.collect(element);
    }
}
