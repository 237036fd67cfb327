package io.abtest.jobs.analysis;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Refuses Flink's Kryo fallback ({@code pipeline.generic-types: false}): a record or state type that Flink cannot
 * serialize as a POJO, a Java record, a basic type or with an explicit {@code TypeSerializer} then fails when the
 * job graph or the state is built, instead of being serialized by Kryo, which is slow and whose bytes a changed
 * class cannot read back from a savepoint.
 *
 * <p>The job refuses it ({@code AnalysisJob.configure}), and the tests refuse it on every environment and operator
 * harness.
 */
public final class KryoFallback {

    private KryoFallback() {}

    /** {@code pipeline.generic-types: false} on {@code env}. */
    public static void refuse(StreamExecutionEnvironment env) {
        Configuration noGenericTypes = new Configuration();
        noGenericTypes.set(PipelineOptions.GENERIC_TYPES, false);
        env.configure(noGenericTypes);
    }

    /** The same on an execution config, such as an operator test harness's. */
    public static void refuse(ExecutionConfig config) {
        ((SerializerConfigImpl) config.getSerializerConfig()).setGenericTypes(false);
    }
}
