package io.abtest.jobs.analysis.operational;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link OperationalWindow}: the counts, then the latency histogram in HdrHistogram's own
 * compressed encoding (its documented, versioned wire format), so checkpoints stay small and do not depend on
 * HdrHistogram's fields.
 */
public final class OperationalWindowSerializer extends TypeSerializerSingleton<OperationalWindow> {

    private static final long serialVersionUID = 1L;

    public static final OperationalWindowSerializer INSTANCE = new OperationalWindowSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public OperationalWindow createInstance() {
        return new OperationalWindow();
    }

    @Override
    public OperationalWindow copy(OperationalWindow from) {
        OperationalWindow copy = new OperationalWindow();
        copy.predictions = from.predictions;
        copy.errors = from.errors;
        copy.timeouts = from.timeouts;
        copy.latencyMicros = from.latencyMicros.copy();
        copy.shadowPairs = from.shadowPairs;
        copy.scorePairs = from.scorePairs;
        copy.scoreDifferenceSum = from.scoreDifferenceSum;
        copy.labelPairs = from.labelPairs;
        copy.labelDisagreements = from.labelDisagreements;
        return copy;
    }

    @Override
    public OperationalWindow copy(OperationalWindow from, OperationalWindow reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(OperationalWindow window, DataOutputView target) throws IOException {
        target.writeLong(window.predictions);
        target.writeLong(window.errors);
        target.writeLong(window.timeouts);
        target.writeLong(window.shadowPairs);
        target.writeLong(window.scorePairs);
        target.writeDouble(window.scoreDifferenceSum);
        target.writeLong(window.labelPairs);
        target.writeLong(window.labelDisagreements);
        ByteBuffer buffer = ByteBuffer.allocate(window.latencyMicros.getNeededByteBufferCapacity());
        int length = window.latencyMicros.encodeIntoCompressedByteBuffer(buffer);
        target.writeInt(length);
        target.write(buffer.array(), 0, length);
    }

    @Override
    public OperationalWindow deserialize(DataInputView source) throws IOException {
        OperationalWindow window = new OperationalWindow();
        window.predictions = source.readLong();
        window.errors = source.readLong();
        window.timeouts = source.readLong();
        window.shadowPairs = source.readLong();
        window.scorePairs = source.readLong();
        window.scoreDifferenceSum = source.readDouble();
        window.labelPairs = source.readLong();
        window.labelDisagreements = source.readLong();
        byte[] encoded = new byte[source.readInt()];
        source.readFully(encoded);
        try {
            window.latencyMicros = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), 2);
        } catch (DataFormatException e) {
            throw new IOException("corrupt latency histogram in state", e);
        }
        window.latencyMicros.setAutoResize(true);
        return window;
    }

    @Override
    public OperationalWindow deserialize(OperationalWindow reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<OperationalWindow> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<OperationalWindow> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
