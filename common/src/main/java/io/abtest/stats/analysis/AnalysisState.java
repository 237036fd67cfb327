package io.abtest.stats.analysis;

import io.abtest.stats.sequential.AlwaysValidPValue;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import java.util.Map;

/**
 * What one analysis point hands to the next: the running minima of the always-valid p-values (per treatment,
 * metric and segment) and the sequential SRM check. Immutable; the Flink job keeps it in keyed state.
 *
 * @param alwaysValid per comparison, keyed by the treatment's {@link SummaryKey}
 * @param sampleRatio the previous sequential SRM result; null before the first analysis point
 */
public record AnalysisState(Map<SummaryKey, AlwaysValidPValue> alwaysValid, SequentialSampleRatioMismatchResult sampleRatio) {

    public static final AnalysisState INITIAL = new AnalysisState(Map.of(), null);

    public AnalysisState {
        alwaysValid = Map.copyOf(alwaysValid);
    }

    AlwaysValidPValue alwaysValid(SummaryKey key) {
        return alwaysValid.getOrDefault(key, AlwaysValidPValue.NONE_YET);
    }
}
