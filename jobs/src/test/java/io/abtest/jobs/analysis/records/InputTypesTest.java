package io.abtest.jobs.analysis.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The records between the sources and the keyed operators are Flink POJO types (Java records), nested types
 * included, and survive their serializers with generic types (Kryo) disabled.
 */
class InputTypesTest {

    private static final PredictionEvent PREDICTION = new PredictionEvent("p-1", "exp", "control", "u-1", "r-1", 7L,
            null, 12.5, PredictionStatus.OK, null, "buy", true, Map.of("country", "DE"));
    private static final OutcomeEvent OUTCOME = new OutcomeEvent("o-1", "r-1", "u-1", 9L, null, null,
            Map.of("revenue", 3.5));

    @Test
    void noTypeOfTheInputStageIsGeneric() {
        for (Class<?> type : List.of(InputRecord.class, ValidEvent.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertInstanceOf(PojoTypeInfo.class, info, info.toString());
            assertNoGenericType(info);
        }
    }

    @Test
    void recordsWithNullsSurviveTheirSerializers() throws Exception {
        for (InputRecord record : List.of(InputRecord.of(PREDICTION, "ab.predictions", "{...}"),
                InputRecord.of(OUTCOME, "file:/o.parquet", null),
                InputRecord.rejected(null, "ab.outcomes",
                        new Rejection(RejectReason.MALFORMED_JSON, null, "not valid JSON", "{", false)))) {
            assertEquals(record, roundTrip(InputRecord.class, record));
        }
        ValidEvent event = ValidEvent.of(PREDICTION, "ab.predictions", "{...}").withoutInput();
        assertEquals(event, roundTrip(ValidEvent.class, event));
    }

    private static void assertNoGenericType(TypeInformation<?> info) {
        assertEquals(false, info instanceof GenericTypeInfo, info.toString());
        if (info instanceof CompositeType<?> composite) {
            for (int i = 0; i < composite.getArity(); i++) {
                assertNoGenericType(composite.getTypeAt(i));
            }
        }
        for (TypeInformation<?> parameter : info.getGenericParameters().values()) {
            assertNoGenericType(parameter);
        }
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        SerializerConfigImpl withoutKryo = new SerializerConfigImpl();
        withoutKryo.setGenericTypes(false);
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(withoutKryo);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
