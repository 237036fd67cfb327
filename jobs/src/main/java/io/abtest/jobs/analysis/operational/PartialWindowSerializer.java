package io.abtest.jobs.analysis.operational;

import io.abtest.jobs.analysis.types.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Serializer of {@link PartialWindow}: key, variant, length and end, then the window as in keyed state. */
public final class PartialWindowSerializer extends TypeSerializerSingleton<PartialWindow> {

    private static final long serialVersionUID = 1L;

    public static final PartialWindowSerializer INSTANCE = new PartialWindowSerializer();
    public static final TypeInformation<PartialWindow> TYPE = new SerializerTypeInfo<>(PartialWindow.class, INSTANCE);

    private static final OperationalWindowSerializer WINDOWS = OperationalWindowSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PartialWindow createInstance() {
        return new PartialWindow("", "", 0, 0, new OperationalWindow());
    }

    @Override
    public PartialWindow copy(PartialWindow from) {
        return new PartialWindow(from.key(), from.variant(), from.lengthMillis(), from.end(),
                WINDOWS.copy(from.window()));
    }

    @Override
    public PartialWindow copy(PartialWindow from, PartialWindow reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PartialWindow partial, DataOutputView target) throws IOException {
        target.writeUTF(partial.key());
        target.writeUTF(partial.variant());
        target.writeLong(partial.lengthMillis());
        target.writeLong(partial.end());
        WINDOWS.serialize(partial.window(), target);
    }

    @Override
    public PartialWindow deserialize(DataInputView source) throws IOException {
        return new PartialWindow(source.readUTF(), source.readUTF(), source.readLong(), source.readLong(),
                WINDOWS.deserialize(source));
    }

    @Override
    public PartialWindow deserialize(PartialWindow reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<PartialWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PartialWindow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
