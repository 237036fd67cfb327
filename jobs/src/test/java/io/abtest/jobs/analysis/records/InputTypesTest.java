package io.abtest.jobs.analysis.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.jobs.analysis.types.SerializerTypeInfo;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The records between the sources and the keyed operators need no Kryo nor the POJO serializer: {@link InputRecord}
 * and {@link ValidEvent} have serializers of their own, which round-trip every shape, nulls included, with generic
 * types disabled; a {@link ValidEvent} also survives being copied as bytes, as the batch sorter copies it.
 */
class InputTypesTest {

    private static final SerializerConfigImpl WITHOUT_KRYO = new SerializerConfigImpl();

    static {
        WITHOUT_KRYO.setGenericTypes(false);
    }

    private static final PredictionEvent PREDICTION = new PredictionEvent("p-1", "exp", "control", "u-1", "r-1", 7L,
            null, 12.5, PredictionStatus.OK, null, "buy", true, Map.of("country", "DE"));
    private static final OutcomeEvent OUTCOME = new OutcomeEvent("o-1", "r-1", "u-1", 9L, null, null,
            Map.of("revenue", 3.5));

    @Test
    void noTypeOfTheInputStageIsGeneric() {
        for (Class<?> type : List.of(InputRecord.class, ValidEvent.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertInstanceOf(SerializerTypeInfo.class, info, info.toString());
            assertFalse(info instanceof GenericTypeInfo || info instanceof PojoTypeInfo, info.toString());
        }
        assertInstanceOf(InputRecordSerializer.class, TypeInformation.of(InputRecord.class).createSerializer(WITHOUT_KRYO));
        assertInstanceOf(ValidEventSerializer.class, TypeInformation.of(ValidEvent.class).createSerializer(WITHOUT_KRYO));
    }

    @Test
    void recordsWithNullsSurviveTheirSerializers() throws Exception {
        for (InputRecord record : List.of(InputRecord.of(PREDICTION, "ab.predictions", "{...}"),
                InputRecord.of(OUTCOME, "file:/o.parquet", null),
                InputRecord.rejected(null, "ab.outcomes",
                        new Rejection(RejectReason.MALFORMED_JSON, null, "not valid JSON", "{", false)),
                InputRecord.rejected(EventKind.PREDICTION, "p.parquet",
                        new Rejection(RejectReason.WRONG_TYPE, "attributes.country", "expected a string", "{}", true)))) {
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

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeSerializer<T> serializer = TypeInformation.of(type).createSerializer(WITHOUT_KRYO);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
