package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;
import org.junit.jupiter.api.Test;

/**
 * Every stream of the analysis job, streaming and batch, carries a type Flink serializes without Kryo (a POJO, a Java
 * record, a basic type, an Avro record), and so does every key: a record class that stops being a POJO fails here,
 * without a cluster. State types are checked where the operators run, by their harness tests with Kryo refused.
 */
class AnalysisJobRecordTypesTest {

    private static final Path EXPERIMENT = Path.of("src/test/resources/io/abtest/jobs/analysis/ranker-v2-it.yaml");

    @Test
    void theStreamingJobPassesNoRecordThroughKryo() {
        assertNoKryo(AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output", "out"));
    }

    @Test
    void theBatchJobPassesNoRecordThroughKryo() {
        assertNoKryo(AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output", "out",
                "--mode", "batch", "--predictions", "p", "--outcomes", "o"));
        assertNoKryo(AnalysisJobOptions.parse("--experiments", EXPERIMENT.toString(), "--output", "out",
                "--mode", "batch", "--input-format", "jsonl", "--predictions", "p", "--outcomes", "o"));
    }

    private static void assertNoKryo(AnalysisJobOptions options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        AnalysisJob.build(env, ExperimentCatalog.load(EXPERIMENT), options);
        Set<Transformation<?>> all = new LinkedHashSet<>();
        env.getTransformations().forEach(sink -> all.addAll(sink.getTransitivePredecessors()));
        assertTrue(all.size() > 20, "the whole graph: " + all.size());
        List<String> kryo = new ArrayList<>();
        for (Transformation<?> transformation : all) {
            check(transformation.getName() + " output", transformation.getOutputType(), kryo);
            if (transformation instanceof OneInputTransformation<?, ?> one && one.getStateKeyType() != null) {
                check(transformation.getName() + " key", one.getStateKeyType(), kryo);
            }
            if (transformation instanceof TwoInputTransformation<?, ?, ?> two && two.getStateKeyType() != null) {
                check(transformation.getName() + " key", two.getStateKeyType(), kryo);
            }
        }
        assertEquals(List.of(), kryo);
    }

    private static void check(String where, TypeInformation<?> type, List<String> kryo) {
        SerializerConfigImpl noGenericTypes = new SerializerConfigImpl();
        noGenericTypes.setGenericTypes(false);
        try {
            type.createSerializer(noGenericTypes);
        } catch (UnsupportedOperationException e) {
            kryo.add(where + ": " + type);
        }
    }
}
