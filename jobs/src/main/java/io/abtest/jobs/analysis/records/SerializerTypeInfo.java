package io.abtest.jobs.analysis.records;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * Flink's type of a record that has a serializer of its own ({@link ValidEventSerializer},
 * {@link InputRecordSerializer}), returned by the {@code @TypeInfo} factory on the record: neither a POJO nor a
 * generic (Kryo) type.
 */
final class SerializerTypeInfo<T> extends TypeInformation<T> {

    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private final SerializableSupplier<TypeSerializer<T>> serializer;

    SerializerTypeInfo(Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer) {
        this.type = type;
        this.serializer = serializer;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return type.getSimpleName() + " (" + serializer.get().getClass().getSimpleName() + ")";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SerializerTypeInfo<?> that && that.type == type;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SerializerTypeInfo.class, type);
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof SerializerTypeInfo<?>;
    }
}
