package io.abtest.jobs.analysis.validate;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.clusterframework.types.ResourceID;
import org.apache.flink.runtime.executiongraph.ExecutionAttemptID;
import org.apache.flink.runtime.metrics.groups.AbstractMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskManagerMetricGroup;
import org.apache.flink.runtime.metrics.groups.TaskMetricGroup;
import org.apache.flink.runtime.metrics.util.TestingMetricRegistry;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;

/**
 * The metrics one operator registers under a test harness, read the way a reporter sees them: the harness runs on a
 * {@link MockEnvironment} whose task metric group is a real one on a registry that records every registration, so
 * names, subgroups and counts are Flink's own.
 *
 * <p>A counter is named by its path below the operator group: {@code records_in}, or
 * {@code reason.LATE.dead_lettered} for a counter in the key-value subgroup {@code reason=LATE}.
 */
public final class MetricCapture {

    private final Map<String, Metric> byPath = new ConcurrentHashMap<>();
    private final TaskMetricGroup taskGroup;

    public MetricCapture() {
        TestingMetricRegistry registry = TestingMetricRegistry.builder()
                .setRegisterConsumer((metric, name, group) -> byPath.put(path(name, group), metric))
                .build();
        taskGroup = TaskManagerMetricGroup.createTaskManagerMetricGroup(registry, "localhost", ResourceID.generate())
                .addJob(new JobID(), "test-job")
                .addTask(ExecutionAttemptID.randomId(), "test-task");
    }

    /** An environment for one harness; its operator's metrics land here. */
    public MockEnvironment environment() {
        return new MockEnvironmentBuilder().setMetricGroup(taskGroup).build();
    }

    /**
     * The count of the counter at {@code path}.
     *
     * @throws AssertionError when the operator registered no such counter
     */
    public long count(String path) {
        Metric metric = byPath.get(path);
        if (!(metric instanceof Counter counter)) {
            throw new AssertionError("no counter " + path + "; registered: " + byPath.keySet());
        }
        return counter.getCount();
    }

    private static String path(String name, AbstractMetricGroup<?> group) {
        String reason = group.getAllVariables().get("<" + InputStageMetrics.REASON_GROUP + ">");
        return reason == null ? name : InputStageMetrics.REASON_GROUP + "." + reason + "." + name;
    }
}
