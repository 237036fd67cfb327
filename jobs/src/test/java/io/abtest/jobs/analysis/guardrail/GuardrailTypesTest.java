package io.abtest.jobs.analysis.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.abtest.jobs.analysis.records.GuardrailIncident;
import io.abtest.jobs.analysis.records.GuardrailJudgment;
import io.abtest.jobs.analysis.records.GuardrailJudgment.Verdict;
import io.abtest.jobs.analysis.records.GuardrailRow;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The records of the incident operators are Flink POJO types (Java records, FLINK-32380), serialized without Kryo,
 * nulls included, even with generic types disabled.
 */
class GuardrailTypesTest {

    private static SerializerConfigImpl withoutKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        return config;
    }

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = type.createSerializer(withoutKryo());
        assertInstanceOf(PojoSerializer.class, serializer);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void theRecordsArePojoTypes() {
        for (TypeInformation<?> type : List.of(GuardrailTypes.JUDGMENT, GuardrailTypes.SIGNAL, GuardrailTypes.ROW,
                GuardrailTypes.INCIDENT)) {
            assertInstanceOf(PojoTypeInfo.class, type, type.toString());
        }
        assertEquals(TypeInformation.of(GuardrailJudgment.class), GuardrailTypes.JUDGMENT);
    }

    @Test
    void withGenericTypesDisabledKryoIsRefused() {
        assertThrows(UnsupportedOperationException.class,
                () -> new GenericTypeInfo<>(Object.class).createSerializer(withoutKryo()));
    }

    @Test
    void recordsWithNullsSurviveTheirSerializers() throws Exception {
        GuardrailJudgment notJudged = new GuardrailJudgment("exp", "challenger", "latency-p99", "latency_p99", 0, 60_000,
                Verdict.NOT_JUDGED, null, null, null, 40);
        assertEquals(notJudged, roundTrip(GuardrailTypes.JUDGMENT, notJudged));
        IncidentSignal run = new IncidentSignal(IncidentSignal.Kind.BREACH_RUN, new GuardrailJudgment("exp",
                "challenger", "conv", "converted", 0, 60_000, Verdict.BREACH, 0.1, 0.12, 0.11, 5_000));
        assertEquals(run, roundTrip(GuardrailTypes.SIGNAL, run));
        GuardrailRow row = new GuardrailRow("exp", "challenger", "latency-p99", "latency_p99", 0, 60_000, 300.0,
                250.0, 1_000, "critical", "stop", null, null);
        assertEquals(row, roundTrip(GuardrailTypes.ROW, row));
        GuardrailIncident incident = new GuardrailIncident("exp", "challenger", "latency-p99", "latency_p99",
                "exp/challenger/latency-p99/1970-01-01T00:01:00Z", GuardrailIncident.State.RESOLVED, 60_000, 180_000,
                null, 250.0, 1_000, "critical", "stop", 3, "PT1M");
        assertEquals(incident, roundTrip(GuardrailTypes.INCIDENT, incident));
    }
}
