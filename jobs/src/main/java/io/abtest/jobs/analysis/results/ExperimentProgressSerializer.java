package io.abtest.jobs.analysis.results;

import io.abtest.jobs.analysis.aggregate.SufficientStatisticsSerializer;
import io.abtest.jobs.analysis.aggregate.SummaryKeySerializer;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.stats.TestStatus;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.sequential.AlwaysValidPValue;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import io.abtest.stats.summary.SufficientStatistics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Keyed-state serializer of {@link ExperimentProgress}, one value per experiment. A format version byte leads each
 * value: a later version of the job adds fields by writing a new format and still reading this one, so a savepoint
 * of this version restores into it.
 */
public final class ExperimentProgressSerializer extends TypeSerializerSingleton<ExperimentProgress> {

    private static final long serialVersionUID = 1L;

    public static final ExperimentProgressSerializer INSTANCE = new ExperimentProgressSerializer();

    private static final byte FORMAT = 1;
    private static final StringSerializer STRINGS = StringSerializer.INSTANCE;
    private static final SummaryKeySerializer KEYS = SummaryKeySerializer.INSTANCE;
    private static final SufficientStatisticsSerializer SUMMARIES = SufficientStatisticsSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public ExperimentProgress createInstance() {
        return new ExperimentProgress();
    }

    @Override
    public ExperimentProgress copy(ExperimentProgress from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the progress of an experiment", e);
        }
    }

    @Override
    public ExperimentProgress copy(ExperimentProgress from, ExperimentProgress reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ExperimentProgress p, DataOutputView out) throws IOException {
        out.writeByte(FORMAT);
        out.writeInt(p.summaries.size());
        for (Map.Entry<SummaryKey, SufficientStatistics> e : p.summaries.entrySet()) {
            KEYS.serialize(e.getKey(), out);
            SUMMARIES.serialize(e.getValue(), out);
        }
        writeLongs(p.unitsSinceWeightsChanged, out);
        out.writeInt(p.weights.size());
        for (Map.Entry<String, Double> e : p.weights.entrySet()) {
            STRINGS.serialize(e.getKey(), out);
            out.writeDouble(e.getValue());
        }
        out.writeLong(p.weightsSinceEnd);
        out.writeLong(p.unitsExposed);
        out.writeLong(p.multipleExposureUnits);
        out.writeLong(p.startMillis);
        writeAnalysis(p.analysis, out);
        STRINGS.serialize(p.lastDecisionKey, out);
        out.writeLong(p.lastDecisionAsOf);
        out.writeLong(p.lastAnalysisAsOf);
        writeDecision(p.latestDecision, out);
    }

    @Override
    public ExperimentProgress deserialize(DataInputView in) throws IOException {
        byte format = in.readByte();
        if (format != FORMAT) {
            throw new IOException("unknown ExperimentProgress format " + format + "; this version reads " + FORMAT);
        }
        ExperimentProgress p = new ExperimentProgress();
        for (int i = in.readInt(); i > 0; i--) {
            p.summaries.put(KEYS.deserialize(in), SUMMARIES.deserialize(in));
        }
        readLongs(p.unitsSinceWeightsChanged, in);
        Map<String, Double> weights = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            weights.put(STRINGS.deserialize(in), in.readDouble());
        }
        p.weights = weights;
        p.weightsSinceEnd = in.readLong();
        p.unitsExposed = in.readLong();
        p.multipleExposureUnits = in.readLong();
        p.startMillis = in.readLong();
        p.analysis = readAnalysis(in);
        p.lastDecisionKey = STRINGS.deserialize(in);
        p.lastDecisionAsOf = in.readLong();
        p.lastAnalysisAsOf = in.readLong();
        p.latestDecision = readDecision(in);
        return p;
    }

    private static void writeLongs(Map<String, Long> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, Long> e : values.entrySet()) {
            STRINGS.serialize(e.getKey(), out);
            out.writeLong(e.getValue());
        }
    }

    private static void readLongs(Map<String, Long> into, DataInputView in) throws IOException {
        for (int i = in.readInt(); i > 0; i--) {
            into.put(STRINGS.deserialize(in), in.readLong());
        }
    }

    private static void writeAnalysis(AnalysisState state, DataOutputView out) throws IOException {
        out.writeInt(state.alwaysValid().size());
        for (Map.Entry<SummaryKey, AlwaysValidPValue> e : state.alwaysValid().entrySet()) {
            KEYS.serialize(e.getKey(), out);
            out.writeDouble(e.getValue().value());
        }
        SequentialSampleRatioMismatchResult srm = state.sampleRatio();
        out.writeBoolean(srm != null);
        if (srm == null) {
            return;
        }
        out.writeByte(srm.status().ordinal());
        STRINGS.serialize(srm.detail(), out);
        writeDouble(srm.logBayesFactor(), out);
        writeDouble(srm.pValue(), out);
        writeDouble(srm.runningMinimumPValue(), out);
        out.writeBoolean(srm.mismatch());
        out.writeDouble(srm.threshold());
        out.writeDouble(srm.concentration());
        out.writeLong(srm.units());
        writeDoubles(srm.observedShares(), out);
        writeDoubles(srm.expectedShares(), out);
    }

    private static AnalysisState readAnalysis(DataInputView in) throws IOException {
        Map<SummaryKey, AlwaysValidPValue> alwaysValid = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            alwaysValid.put(KEYS.deserialize(in), new AlwaysValidPValue(in.readDouble()));
        }
        if (!in.readBoolean()) {
            return new AnalysisState(alwaysValid, null);
        }
        return new AnalysisState(alwaysValid, new SequentialSampleRatioMismatchResult(
                TestStatus.values()[in.readByte()], STRINGS.deserialize(in), readDouble(in), readDouble(in),
                readDouble(in), in.readBoolean(), in.readDouble(), in.readDouble(), in.readLong(), readDoubles(in),
                readDoubles(in)));
    }

    private static void writeDecision(DecisionRow d, DataOutputView out) throws IOException {
        out.writeBoolean(d != null);
        if (d == null) {
            return;
        }
        STRINGS.serialize(d.experimentId(), out);
        out.writeLong(d.asOf());
        STRINGS.serialize(d.decision(), out);
        STRINGS.serialize(d.variant(), out);
        out.writeInt(d.rule());
        STRINGS.serialize(d.justification(), out);
        STRINGS.serialize(d.actionItems(), out);
        writeDouble(d.srmPValue(), out);
    }

    private static DecisionRow readDecision(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new DecisionRow(STRINGS.deserialize(in), in.readLong(), STRINGS.deserialize(in),
                STRINGS.deserialize(in), in.readInt(), STRINGS.deserialize(in), STRINGS.deserialize(in),
                readDouble(in));
    }

    private static void writeDouble(Double value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readDouble(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static void writeDoubles(List<Double> values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.size());
        if (values != null) {
            for (Double value : values) {
                writeDouble(value, out);
            }
        }
    }

    private static List<Double> readDoubles(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(readDouble(in));
        }
        return values;
    }

    @Override
    public ExperimentProgress deserialize(ExperimentProgress reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<ExperimentProgress> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the data carries its own format version. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ExperimentProgress> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
