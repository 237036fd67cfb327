package io.abtest.stats.analysis;

import io.abtest.stats.decision.Decision;
import io.abtest.stats.srm.SampleRatioMismatchResult;
import io.abtest.stats.srm.SequentialSampleRatioMismatchResult;
import java.util.List;

/**
 * Everything one analysis point produces.
 *
 * @param results one row per treatment x metric x segment (segment null first)
 * @param sampleRatio the fixed chi-square SRM check at this point, for display
 * @param sequentialSampleRatio the always-valid SRM check, which the decision uses
 * @param decision the rollout decision
 * @param next the state for the next analysis point
 */
public record AnalysisReport(
        List<ComparisonResult> results,
        SampleRatioMismatchResult sampleRatio,
        SequentialSampleRatioMismatchResult sequentialSampleRatio,
        Decision decision,
        AnalysisState next) {

    public AnalysisReport {
        results = List.copyOf(results);
    }
}
