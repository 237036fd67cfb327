package io.abtest.jobs.analysis.aggregate;

import io.abtest.stats.summary.SufficientStatistics;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer of {@link SufficientStatistics} (immutable): n, then the three means and six co-moments, 80 bytes. Used
 * inside the serializers of the analysis' records and state.
 */
public final class SufficientStatisticsSerializer extends TypeSerializerSingleton<SufficientStatistics> {

    private static final long serialVersionUID = 1L;

    public static final SufficientStatisticsSerializer INSTANCE = new SufficientStatisticsSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public SufficientStatistics createInstance() {
        return SufficientStatistics.EMPTY;
    }

    @Override
    public SufficientStatistics copy(SufficientStatistics from) {
        return from;
    }

    @Override
    public SufficientStatistics copy(SufficientStatistics from, SufficientStatistics reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return 80;
    }

    @Override
    public void serialize(SufficientStatistics s, DataOutputView target) throws IOException {
        target.writeLong(s.n());
        target.writeDouble(s.meanY());
        target.writeDouble(s.meanD());
        target.writeDouble(s.meanC());
        target.writeDouble(s.cYY());
        target.writeDouble(s.cDD());
        target.writeDouble(s.cCC());
        target.writeDouble(s.cYD());
        target.writeDouble(s.cYC());
        target.writeDouble(s.cDC());
    }

    @Override
    public SufficientStatistics deserialize(DataInputView source) throws IOException {
        return SufficientStatistics.of(source.readLong(), source.readDouble(), source.readDouble(), source.readDouble(),
                source.readDouble(), source.readDouble(), source.readDouble(), source.readDouble(),
                source.readDouble(), source.readDouble());
    }

    @Override
    public SufficientStatistics deserialize(SufficientStatistics reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.write(source, 80);
    }

    @Override
    public TypeSerializerSnapshot<SufficientStatistics> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SufficientStatistics> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
