package io.abtest.jobs.analysis.records;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type of {@link ValidEvent} (through {@code @TypeInfo}): serialized by {@link ValidEventSerializer}. */
public final class ValidEventTypeInfo extends TypeInformation<ValidEvent> {

    private static final long serialVersionUID = 1L;

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
    public Class<ValidEvent> getTypeClass() {
        return ValidEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<ValidEvent> createSerializer(SerializerConfig config) {
        return new ValidEventSerializer();
    }

    @Override
    public String toString() {
        return "ValidEvent";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return ValidEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof ValidEventTypeInfo;
    }

    /** Named by {@code @TypeInfo} on {@link ValidEvent}. */
    public static final class Factory extends TypeInfoFactory<ValidEvent> {
        @Override
        public TypeInformation<ValidEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new ValidEventTypeInfo();
        }
    }
}
