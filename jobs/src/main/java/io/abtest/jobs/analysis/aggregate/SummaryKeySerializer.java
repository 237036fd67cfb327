package io.abtest.jobs.analysis.aggregate;

import io.abtest.stats.analysis.SummaryKey;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link SummaryKey} (immutable): variant, metric and segment (null for all units), each as Flink's
 * nullable string. Used inside the serializers of the analysis' records and state.
 */
public final class SummaryKeySerializer extends TypeSerializerSingleton<SummaryKey> {

    private static final long serialVersionUID = 1L;

    public static final SummaryKeySerializer INSTANCE = new SummaryKeySerializer();

    private static final StringSerializer STRINGS = StringSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public SummaryKey createInstance() {
        return new SummaryKey("", "", null);
    }

    @Override
    public SummaryKey copy(SummaryKey from) {
        return from;
    }

    @Override
    public SummaryKey copy(SummaryKey from, SummaryKey reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SummaryKey key, DataOutputView target) throws IOException {
        STRINGS.serialize(key.variant(), target);
        STRINGS.serialize(key.metric(), target);
        STRINGS.serialize(key.segment(), target);
    }

    @Override
    public SummaryKey deserialize(DataInputView source) throws IOException {
        return new SummaryKey(STRINGS.deserialize(source), STRINGS.deserialize(source), STRINGS.deserialize(source));
    }

    @Override
    public SummaryKey deserialize(SummaryKey reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<SummaryKey> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SummaryKey> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
