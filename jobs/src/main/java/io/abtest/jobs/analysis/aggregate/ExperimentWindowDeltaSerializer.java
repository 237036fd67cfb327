package io.abtest.jobs.analysis.aggregate;

import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta.CountedExclusion;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta.SummaryChange;
import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta.VariantSegment;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.jobs.analysis.types.SerializerTypeInfo;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link ExperimentWindowDelta}, between the two aggregation phases and in the analysis' pending
 * windows. A format version byte leads each value, so a later format can still read this one.
 */
public final class ExperimentWindowDeltaSerializer extends TypeSerializerSingleton<ExperimentWindowDelta> {

    private static final long serialVersionUID = 1L;

    public static final ExperimentWindowDeltaSerializer INSTANCE = new ExperimentWindowDeltaSerializer();
    public static final TypeInformation<ExperimentWindowDelta> TYPE =
            new SerializerTypeInfo<>(ExperimentWindowDelta.class, INSTANCE);

    private static final byte FORMAT = 1;
    private static final StringSerializer STRINGS = StringSerializer.INSTANCE;
    private static final SummaryKeySerializer KEYS = SummaryKeySerializer.INSTANCE;
    private static final SufficientStatisticsSerializer SUMMARIES = SufficientStatisticsSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ExperimentWindowDelta createInstance() {
        return new ExperimentWindowDelta("", 0);
    }

    @Override
    public ExperimentWindowDelta copy(ExperimentWindowDelta from) {
        ExperimentWindowDelta copy = new ExperimentWindowDelta(from.experimentId(), from.windowEnd());
        copy.merge(from);
        return copy;
    }

    @Override
    public ExperimentWindowDelta copy(ExperimentWindowDelta from, ExperimentWindowDelta reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ExperimentWindowDelta delta, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        STRINGS.serialize(delta.experimentId(), out);
        out.writeLong(delta.windowEnd());
        out.writeInt(delta.summaries.size());
        for (Map.Entry<SummaryKey, SummaryChange> e : delta.summaries.entrySet()) {
            KEYS.serialize(e.getKey(), out);
            SUMMARIES.serialize(e.getValue().removed(), out);
            SUMMARIES.serialize(e.getValue().added(), out);
        }
        out.writeInt(delta.events.size());
        for (Map.Entry<VariantSegment, Long> e : delta.events.entrySet()) {
            STRINGS.serialize(e.getKey().variant(), out);
            STRINGS.serialize(e.getKey().segment(), out);
            out.writeLong(e.getValue());
        }
        out.writeInt(delta.newUnits.size());
        for (Map.Entry<String, Long> e : delta.newUnits.entrySet()) {
            STRINGS.serialize(e.getKey(), out);
            out.writeLong(e.getValue());
        }
        out.writeInt(delta.countedExclusions.size());
        for (Map.Entry<CountedExclusion, Long> e : delta.countedExclusions.entrySet()) {
            STRINGS.serialize(e.getKey().variant(), out);
            out.writeLong(e.getKey().firstWindowEnd());
            out.writeLong(e.getValue());
        }
        out.writeLong(delta.uncountedExclusions);
        out.writeLong(delta.unmatchedOutcomes);
    }

    @Override
    public ExperimentWindowDelta deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown ExperimentWindowDelta format " + format + "; this version reads " + FORMAT);
        }
        ExperimentWindowDelta delta = new ExperimentWindowDelta(STRINGS.deserialize(in), in.readLong());
        for (int i = in.readInt(); i > 0; i--) {
            delta.summaries.put(KEYS.deserialize(in), new SummaryChange(SUMMARIES.deserialize(in),
                    SUMMARIES.deserialize(in)));
        }
        for (int i = in.readInt(); i > 0; i--) {
            delta.events.put(new VariantSegment(STRINGS.deserialize(in), STRINGS.deserialize(in)), in.readLong());
        }
        for (int i = in.readInt(); i > 0; i--) {
            delta.newUnits.put(STRINGS.deserialize(in), in.readLong());
        }
        for (int i = in.readInt(); i > 0; i--) {
            delta.countedExclusions.put(new CountedExclusion(STRINGS.deserialize(in), in.readLong()), in.readLong());
        }
        delta.uncountedExclusions = in.readLong();
        delta.unmatchedOutcomes = in.readLong();
        return delta;
    }

    @Override
    public ExperimentWindowDelta deserialize(ExperimentWindowDelta reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ExperimentWindowDelta> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the data carries its own format version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ExperimentWindowDelta> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
