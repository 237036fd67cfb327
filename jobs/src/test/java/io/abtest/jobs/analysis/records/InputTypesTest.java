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
 * The records between the sources and the keyed operators need no Kryo: {@link InputRecord} is a Flink POJO type
 * (a Java record), nested types included, {@link ValidEvent} has its own serializer; both survive their serializers
 * with generic types disabled, and a {@link ValidEvent} survives being copied as bytes.
 */
class InputTypesTest {

    private static final PredictionEvent PREDICTION = new PredictionEvent("p-1", "exp", "control", "u-1", "r-1", 7L,
            null, 12.5, PredictionStatus.OK, null, "buy", true, Map.of("country", "DE"));
    private static final OutcomeEvent OUTCOME = new OutcomeEvent("o-1", "r-1", "u-1", 9L, null, null,
            Map.of("revenue", 3.5));

    @Test
    void noTypeOfTheInputStageIsGeneric() {
        TypeInformation<?> input = TypeInformation.of(InputRecord.class);
        assertInstanceOf(PojoTypeInfo.class, input, input.toString());
        assertNoGenericType(input);
        assertInstanceOf(ValidEventTypeInfo.class, TypeInformation.of(ValidEvent.class));
    }

    @Test
    void recordsWithNullsSurviveTheirSerializers() throws Exception {
        for (InputRecord record : List.of(InputRecord.of(PREDICTION, "ab.predictions", "{...}"),
                InputRecord.of(OUTCOME, "file:/o.parquet", null),
                InputRecord.rejected(null, "ab.outcomes",
                        new Rejection(RejectReason.MALFORMED_JSON, null, "not valid JSON", "{", false)))) {
            assertEquals(record, roundTrip(InputRecord.class, record));
        }
        for (ValidEvent event : List.of(ValidEvent.of(PREDICTION, "ab.predictions", "{\"é\":\"\uD83D\uDE00\"}"),
                ValidEvent.of(PREDICTION, null, null), ValidEvent.of(OUTCOME, "o.jsonl", null),
                ValidEvent.of(new OutcomeEvent("o-2", "r-2", "u-2", -1L, "exp", "", Map.of()), null, "x".repeat(300)),
                ValidEvent.of(new PredictionEvent("p-2", "exp", "v", "u", "r", 0L, "m", 0.0, null, 1.5, null, false,
                        Map.of("a", "1", "b", "ü")), null, null))) {
            assertEquals(event, roundTrip(ValidEvent.class, event));
            assertEquals(event, copiedAsBytes(event));
        }
    }

    /** What the sorter does: copy the serialized form, then read the copy. */
    private static ValidEvent copiedAsBytes(ValidEvent event) throws Exception {
        TypeSerializer<ValidEvent> serializer = new ValidEventSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(event, out);
        serializer.serialize(event, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        DataOutputSerializer copy = new DataOutputSerializer(4096); // its write(DataInputView, n) does not grow
        serializer.copy(in, copy);
        serializer.copy(in, copy);
        DataInputDeserializer copied = new DataInputDeserializer(copy.getCopyOfBuffer());
        assertEquals(event, serializer.deserialize(copied));
        return serializer.deserialize(copied);
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
