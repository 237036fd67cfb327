package io.abtest.jobs.analysis.records;

import io.abtest.jobs.analysis.types.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link ValidEvent}, the record every keyed operator of the input stage receives (in a batch
 * rerun, sorted by key first): its byte length, the kind, the event ({@link EventEncoding}), then source and text.
 * The length lets the sorter copy a record as bytes instead of decoding and re-encoding it field by field, as
 * Flink's POJO serializer does.
 *
 * <p>Not thread-safe (it encodes through a buffer of its own): {@link #duplicate()} gives each user its own.
 */
public final class ValidEventSerializer extends TypeSerializer<ValidEvent> {

    private static final long serialVersionUID = 1L;

    private transient DataOutputSerializer buffer;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<ValidEvent> duplicate() {
        return new ValidEventSerializer();
    }

    @Override
    public ValidEvent createInstance() {
        return null;
    }

    @Override
    public ValidEvent copy(ValidEvent from) {
        return from;
    }

    @Override
    public ValidEvent copy(ValidEvent from, ValidEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ValidEvent event, DataOutputView target) throws IOException {
        if (buffer == null) {
            buffer = new DataOutputSerializer(512);
        }
        buffer.clear();
        if (event.kind() == EventKind.PREDICTION) {
            buffer.writeByte(0);
            EventEncoding.writePrediction(event.prediction(), buffer);
        } else {
            buffer.writeByte(1);
            EventEncoding.writeOutcome(event.outcome(), buffer);
        }
        EventEncoding.writeString(event.source(), buffer);
        EventEncoding.writeString(event.raw(), buffer);
        target.writeInt(buffer.length());
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public ValidEvent deserialize(DataInputView source) throws IOException {
        source.readInt();
        if (source.readByte() == 0) {
            return ValidEvent.of(EventEncoding.readPrediction(source), EventEncoding.readString(source),
                    EventEncoding.readString(source));
        }
        return ValidEvent.of(EventEncoding.readOutcome(source), EventEncoding.readString(source),
                EventEncoding.readString(source));
    }

    @Override
    public ValidEvent deserialize(ValidEvent reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValidEventSerializer;
    }

    @Override
    public int hashCode() {
        return ValidEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<ValidEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Named by {@code @TypeInfo} on {@link ValidEvent}. */
    public static final class TypeFactory extends TypeInfoFactory<ValidEvent> {
        @Override
        public TypeInformation<ValidEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(ValidEvent.class, new ValidEventSerializer());
        }
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ValidEvent> {
        public Snapshot() {
            super(ValidEventSerializer::new);
        }
    }
}
