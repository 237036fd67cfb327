package io.abtest.jobs.analysis.guardrail;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Keyed-state serializer of {@link GuardrailWindowKey}: length, end, then the variant in modified UTF-8. */
public final class GuardrailWindowKeySerializer extends TypeSerializerSingleton<GuardrailWindowKey> {

    private static final long serialVersionUID = 1L;

    public static final GuardrailWindowKeySerializer INSTANCE = new GuardrailWindowKeySerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public GuardrailWindowKey createInstance() {
        return new GuardrailWindowKey(0, 0, "");
    }

    @Override
    public GuardrailWindowKey copy(GuardrailWindowKey from) {
        return from;
    }

    @Override
    public GuardrailWindowKey copy(GuardrailWindowKey from, GuardrailWindowKey reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(GuardrailWindowKey key, DataOutputView target) throws IOException {
        target.writeLong(key.lengthMillis());
        target.writeLong(key.end());
        target.writeUTF(key.variant());
    }

    @Override
    public GuardrailWindowKey deserialize(DataInputView source) throws IOException {
        return new GuardrailWindowKey(source.readLong(), source.readLong(), source.readUTF());
    }

    @Override
    public GuardrailWindowKey deserialize(GuardrailWindowKey reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<GuardrailWindowKey> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<GuardrailWindowKey> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
