package io.abtest.jobs.analysis.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.stats.TestStatus;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.sequential.AlwaysValidPValue;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import io.abtest.stats.summary.SufficientStatistics;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ExperimentProgressSerializerTest {

    private static ExperimentProgress roundTrip(ExperimentProgress p) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ExperimentProgressSerializer.INSTANCE.serialize(p, out);
        return ExperimentProgressSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void everyFieldSurvives() throws IOException {
        ExperimentProgress p = new ExperimentProgress();
        SummaryKey segment = new SummaryKey("challenger", "revenue", "country=DE");
        p.summaries.put(segment, SufficientStatistics.ofUnit(3, 1, 0.25).add(-7, 1, 0.5));
        p.summaries.put(SummaryKey.overall("champion", "converted"), SufficientStatistics.EMPTY);
        p.unitsSinceWeightsChanged.put("champion", 12L);
        p.weights = Map.of("champion", 0.9, "challenger", 0.1);
        p.weightsSinceEnd = 60_000;
        p.unitsExposed = 25;
        p.multipleExposureUnits = 2;
        p.startMillis = 0;
        p.analysis = new AnalysisState(Map.of(segment, new AlwaysValidPValue(0.031)),
                new SequentialSampleRatioMismatchResult(TestStatus.OK, null, 1.5, 0.2, 0.15, false, 0.001, 1.0, 24,
                        Arrays.asList(0.5, null), null));
        p.lastDecisionKey = "CONTINUE|null|5";
        p.lastDecisionAsOf = 60_000;
        p.lastAnalysisAsOf = 120_000;
        p.latestDecision = new DecisionRow("exp", 120_000, "CONTINUE", null, 5, "not yet", "", null);

        ExperimentProgress restored = roundTrip(p);
        assertEquals(p.summaries.keySet(), restored.summaries.keySet());
        assertEquals(p.summaries.get(segment).cYC(), restored.summaries.get(segment).cYC());
        assertEquals(p.summaries.get(segment).meanY(), restored.summaries.get(segment).meanY());
        assertEquals(p.unitsSinceWeightsChanged, restored.unitsSinceWeightsChanged);
        assertEquals(p.weights, restored.weights);
        assertEquals(p.weightsSinceEnd, restored.weightsSinceEnd);
        assertEquals(p.unitsExposed, restored.unitsExposed);
        assertEquals(p.multipleExposureUnits, restored.multipleExposureUnits);
        assertEquals(p.startMillis, restored.startMillis);
        assertEquals(p.analysis, restored.analysis);
        assertEquals(p.lastDecisionKey, restored.lastDecisionKey);
        assertEquals(p.lastDecisionAsOf, restored.lastDecisionAsOf);
        assertEquals(p.lastAnalysisAsOf, restored.lastAnalysisAsOf);
        assertEquals(p.latestDecision, restored.latestDecision);
    }

    @Test
    void theInitialProgressSurvives() throws IOException {
        ExperimentProgress restored = roundTrip(new ExperimentProgress());
        assertEquals(AnalysisState.INITIAL, restored.analysis);
        assertNull(restored.latestDecision);
        assertNull(restored.lastDecisionKey);
        assertEquals(Long.MAX_VALUE, restored.startMillis);
        assertEquals(Long.MIN_VALUE, restored.weightsSinceEnd);
    }
}
