package io.abtest.jobs.analysis.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ExperimentWindowDeltaSerializerTest {

    private static ExperimentWindowDelta delta() {
        ExperimentWindowDelta delta = WindowDeltas.of(
                new UnitChange("exp", "champion", List.of("country=DE"), 2_000, 3, Map.of(),
                        Map.of("converted", new UnitValue(1, 1, 0.5))),
                new UnitChange("exp", "challenger", List.of(), 2_000, 1,
                        Map.of("latency", new UnitValue(250, 2, 0)), Map.of("latency", new UnitValue(-1e300, 3, 0))),
                new UnitChange("exp", "challenger", List.of(), 2_000, 0,
                        Map.of("converted", new UnitValue(0, 1, 0)), Map.of(), true, 1_000),
                new UnitChange("exp", "champion", List.of(), 2_000, 0, Map.of(), Map.of(), true, UnitChange.NEVER));
        delta.countUnmatchedOutcome();
        return delta;
    }

    private static ExperimentWindowDelta roundTrip(ExperimentWindowDelta delta) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        ExperimentWindowDeltaSerializer.INSTANCE.serialize(delta, out);
        DataOutputSerializer copied = new DataOutputSerializer(64);
        ExperimentWindowDeltaSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        return ExperimentWindowDeltaSerializer.INSTANCE.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()));
    }

    private static void assertSameDelta(ExperimentWindowDelta expected, ExperimentWindowDelta actual) {
        assertEquals(expected.experimentId(), actual.experimentId());
        assertEquals(expected.windowEnd(), actual.windowEnd());
        assertEquals(expected.summaries().keySet(), actual.summaries().keySet());
        expected.summaries().forEach((key, change) -> {
            assertEquals(change.added().n(), actual.summaries().get(key).added().n(), key.toString());
            assertEquals(change.added().meanY(), actual.summaries().get(key).added().meanY(), key.toString());
            assertEquals(change.removed().meanC(), actual.summaries().get(key).removed().meanC(), key.toString());
        });
        assertEquals(expected.events, actual.events);
        assertEquals(expected.newUnits(), actual.newUnits());
        assertEquals(expected.countedExclusions(), actual.countedExclusions());
        assertEquals(expected.uncountedExclusions(), actual.uncountedExclusions());
        assertEquals(expected.unmatchedOutcomes(), actual.unmatchedOutcomes());
    }

    @Test
    void everyPartSurvivesSerializationAndCopy() throws IOException {
        ExperimentWindowDelta delta = delta();
        assertSameDelta(delta, roundTrip(delta));
        ExperimentWindowDelta copy = ExperimentWindowDeltaSerializer.INSTANCE.copy(delta);
        assertNotSame(delta, copy);
        assertSameDelta(delta, copy);
        assertEquals(2, delta.multipleExposureUnits());
    }

    @Test
    void anEmptyDeltaOfAnUnmatchedOutcomeSurvivesToo() throws IOException {
        ExperimentWindowDelta delta = new ExperimentWindowDelta("exp", Long.MIN_VALUE + 1);
        delta.countUnmatchedOutcome();
        assertSameDelta(delta, roundTrip(delta));
    }
}
