package io.abtest.jobs.analysis.records;

import io.abtest.jobs.analysis.types.SerializerTypeInfo;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link InputRecord}, which crosses the network once, from the sources to the input stage: what
 * it holds (0 prediction, 1 outcome, 2 rejection), the kind (-1 for none), the event ({@link EventEncoding}) or the
 * rejection, then source and text.
 */
public final class InputRecordSerializer extends TypeSerializerSingleton<InputRecord> {

    private static final long serialVersionUID = 1L;

    private static final EventKind[] KINDS = EventKind.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    public static final InputRecordSerializer INSTANCE = new InputRecordSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public InputRecord createInstance() {
        return null;
    }

    @Override
    public InputRecord copy(InputRecord from) {
        return from;
    }

    @Override
    public InputRecord copy(InputRecord from, InputRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(InputRecord record, DataOutputView target) throws IOException {
        if (record.prediction() != null) {
            target.writeByte(0);
            EventEncoding.writePrediction(record.prediction(), target);
        } else if (record.outcome() != null) {
            target.writeByte(1);
            EventEncoding.writeOutcome(record.outcome(), target);
        } else {
            target.writeByte(2);
            target.writeByte(record.kind() == null ? -1 : record.kind().ordinal());
            Rejection rejection = record.rejection();
            target.writeByte(rejection.reason().ordinal());
            EventEncoding.writeString(rejection.field(), target);
            EventEncoding.writeString(rejection.detail(), target);
            EventEncoding.writeString(rejection.rawText(), target);
            target.writeBoolean(rejection.rawTruncated());
        }
        EventEncoding.writeString(record.source(), target);
        EventEncoding.writeString(record.text(), target);
    }

    @Override
    public InputRecord deserialize(DataInputView source) throws IOException {
        byte holds = source.readByte();
        if (holds == 0) {
            return InputRecord.of(EventEncoding.readPrediction(source), EventEncoding.readString(source),
                    EventEncoding.readString(source));
        }
        if (holds == 1) {
            return InputRecord.of(EventEncoding.readOutcome(source), EventEncoding.readString(source),
                    EventEncoding.readString(source));
        }
        byte kind = source.readByte();
        Rejection rejection = new Rejection(REASONS[source.readByte()], EventEncoding.readString(source),
                EventEncoding.readString(source), EventEncoding.readString(source), source.readBoolean());
        return new InputRecord(kind < 0 ? null : KINDS[kind], EventEncoding.readString(source), null, null, rejection,
                EventEncoding.readString(source));
    }

    @Override
    public InputRecord deserialize(InputRecord reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<InputRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Named by {@code @TypeInfo} on {@link InputRecord}. */
    public static final class TypeFactory extends TypeInfoFactory<InputRecord> {
        @Override
        public TypeInformation<InputRecord> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SerializerTypeInfo<>(InputRecord.class, INSTANCE);
        }
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<InputRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
