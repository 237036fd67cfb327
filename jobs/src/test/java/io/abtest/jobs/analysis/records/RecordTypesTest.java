package io.abtest.jobs.analysis.records;

import static io.abtest.jobs.analysis.WithoutKryo.pojo;
import static io.abtest.jobs.analysis.WithoutKryo.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.aggregate.UnitSignal;
import io.abtest.jobs.analysis.aggregate.UnitValue;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.typeutils.MapTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The records that travel between the analysis job's operators, and the events of {@code common} inside them, are
 * POJO types (Java records, FLINK-32380) whose fields Flink serializes itself: strings, boxed and primitive numbers,
 * enums, nested records, and {@code java.util.Map}/{@code List} fields, which Flink 2.x serializes with its map and
 * list serializers (FLIP-398) instead of Kryo. Nulls and empty maps survive.
 */
class RecordTypesTest {

    static final PredictionEvent SERVED = new PredictionEvent("p-1", "exp", "challenger", "u-1", "r-1", 1_000, "m-2",
            12.5, PredictionStatus.OK, 0.75, "buy", true, Map.of("country", "DE", "device", "ios"));
    static final PredictionEvent SHADOW = new PredictionEvent("p-2", "exp", "champion", "u-1", "r-1", 1_001, null,
            9.0, PredictionStatus.TIMEOUT, null, null, false, Map.of());
    static final OutcomeEvent OUTCOME = new OutcomeEvent("o-1", "r-1", "u-1", 2_000, null, "1",
            Map.of("converted", 1.0, "revenue", 9.99));

    @Test
    void everyRecordBetweenOperatorsIsAPojoType() {
        for (Class<?> type : List.of(PredictionEvent.class, OutcomeEvent.class,
                AttributedOutcome.class, ShadowDivergence.class, DeadLetter.class, StopSignal.class, DecisionRow.class,
                ResultRow.class, AggregateRow.class, OperationalRow.class, GuardrailJudgment.class,
                GuardrailIncident.class, GuardrailRow.class, UnitSignal.class, UnitValue.class)) {
            pojo(type);
        }
    }

    @Test
    void mapFieldsAreSerializedByFlinksMapSerializerNotKryo() {
        PojoTypeInfo<PredictionEvent> prediction = pojo(PredictionEvent.class);
        assertInstanceOf(MapTypeInfo.class, prediction.getTypeAt("attributes"));
        assertInstanceOf(MapTypeInfo.class, pojo(OutcomeEvent.class).getTypeAt("values"));
        assertInstanceOf(MapTypeInfo.class, pojo(UnitSignal.class).getTypeAt("sources"));
    }

    @Test
    void eventsWithNullsAndEmptyMapsSurviveTheirSerializers() throws Exception {
        AttributedOutcome attributed = new AttributedOutcome(SERVED, OUTCOME);
        assertEquals(attributed, roundTrip(pojo(AttributedOutcome.class), attributed));
        assertEquals(SHADOW, roundTrip(pojo(PredictionEvent.class), SHADOW));
    }

    @Test
    void derivedRecordsSurviveTheirSerializers() throws Exception {
        ShadowDivergence divergence = new ShadowDivergence("exp", "challenger", "champion", "r-1", 1_000, null, true);
        assertEquals(divergence, roundTrip(pojo(ShadowDivergence.class), divergence));
        DeadLetter deadLetter = new DeadLetter("ab.predictions", "LATE", null, "late", "{...}", true, 5_000);
        assertEquals(deadLetter, roundTrip(pojo(DeadLetter.class), deadLetter));
        StopSignal stop = new StopSignal("exp", 60_000, true,
                new DecisionRow("exp", 60_000, "STOP", null, 0, "guardrail latency-p99", "look", null));
        assertEquals(stop, roundTrip(pojo(StopSignal.class), stop));
        StopSignal resume = new StopSignal("exp", 90_000, false, null);
        assertEquals(resume, roundTrip(pojo(StopSignal.class), resume));
        UnitSignal signal = new UnitSignal("exp", "u-1", "challenger", Map.of("country", "DE"), 1_000, true,
                Map.of("requests", 1.0, "latency_ms", 12.5));
        assertEquals(signal, roundTrip(pojo(UnitSignal.class), signal));
    }
}
