package io.abtest.jobs.analysis.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.jobs.analysis.records.GuardrailJudgment;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * The operators {@link GuardrailIncidents#build} adds for a catalog: one CEP operator per distinct run length, each
 * with a stable uid a savepoint can map its state to.
 */
class GuardrailIncidentsGraphTest {

    @Test
    void oneCepOperatorPerDistinctRunLengthEachWithAStableUid() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<GuardrailJudgment> judgments = env.fromData(List.of(
                GuardrailFixtures.judgment(GuardrailFixtures.LATENCY, "challenger", 0,
                        GuardrailJudgment.Verdict.BREACH)), GuardrailTypes.JUDGMENT);
        GuardrailIncidents incidents = GuardrailIncidents.build(judgments, GuardrailIncidentsITCase.CATALOG);
        incidents.rows().sinkTo(new DiscardingSink<>());
        incidents.incidents().sinkTo(new DiscardingSink<>());

        Set<String> uids = new TreeSet<>();
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.add(node.getTransformationUID());
            }
        }
        assertEquals(new TreeSet<>(List.of(
                "guardrail-judged-windows", "guardrail-judgment-event-time",
                "guardrail-breaching-windows", "guardrail-breach-signals",
                "guardrail-breach-run-1", "guardrail-breach-run-2", "guardrail-breach-run-3",
                "guardrail-breach-run-1-judgments", "guardrail-breach-run-2-judgments",
                "guardrail-breach-run-3-judgments",
                "guardrail-recovery-2", "guardrail-recovery-3",
                "guardrail-recovery-2-judgments", "guardrail-recovery-3-judgments",
                "guardrail-incidents")), uids);
    }
}
