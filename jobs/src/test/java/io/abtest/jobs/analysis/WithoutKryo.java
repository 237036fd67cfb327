package io.abtest.jobs.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serializes values the way a job with {@code pipeline.generic-types: false} does: a Kryo fallback fails. */
public final class WithoutKryo {

    private WithoutKryo() {}

    /** What Flink infers for {@code type}, asserted to be a POJO type (which a Java record is, FLINK-32380). */
    public static <T> PojoTypeInfo<T> pojo(Class<T> type) {
        TypeInformation<T> info = TypeInformation.of(type);
        assertFalse(info instanceof GenericTypeInfo, type + " falls back to Kryo");
        return assertInstanceOf(PojoTypeInfo.class, info, info.toString());
    }

    /** {@code value} serialized and deserialized by {@code type}'s serializer, generic types disabled. */
    public static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        TypeSerializer<T> serializer = type.createSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        serializer.copy(value);
        return copy;
    }
}
