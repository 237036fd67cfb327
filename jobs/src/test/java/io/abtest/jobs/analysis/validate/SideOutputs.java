package io.abtest.jobs.analysis.validate;

import java.util.List;
import java.util.Queue;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/** The values a harness emitted on a side output, in order; empty when it emitted none. */
public final class SideOutputs {

    private SideOutputs() {}

    public static <T> List<T> values(AbstractStreamOperatorTestHarness<?> harness, OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
