package io.abtest.jobs.analysis.results;

import io.abtest.jobs.analysis.aggregate.ExperimentWindowDelta;
import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.HashMap;
import java.util.Map;

/** One experiment's state between analysis points; kept by {@link ExperimentProgressSerializer}. */
final class ExperimentProgress {

    final Map<SummaryKey, SufficientStatistics> summaries = new HashMap<>();
    final Map<String, Long> unitsSinceWeightsChanged = new HashMap<>();
    Map<String, Double> weights = Map.of();
    /** The window end of the analysis point where {@link #weights} took effect (and the unit counts restarted). */
    long weightsSinceEnd = Long.MIN_VALUE;
    /** Units seen so far, the excluded ones included. */
    long unitsExposed;
    /** Units excluded so far for having been served more than one variant. */
    long multipleExposureUnits;
    long startMillis = Long.MAX_VALUE;
    AnalysisState analysis = AnalysisState.INITIAL;
    String lastDecisionKey;
    long lastDecisionAsOf = Long.MIN_VALUE;
    long lastAnalysisAsOf = Long.MIN_VALUE;
    /** The decision of the last analysis point, written or not (a decision is written when it changes). */
    DecisionRow latestDecision;

    /**
     * Applies one window's changes: each changed unit's earlier values leave the summaries and its current ones
     * enter them; new units join the SRM counts; a unit excluded for multiple exposure leaves them when it was
     * counted since the weights last changed (at {@link #weightsSinceEnd}).
     */
    void absorb(ExperimentWindowDelta delta) {
        delta.newUnits().forEach((variant, n) -> {
            unitsSinceWeightsChanged.merge(variant, n, Long::sum);
            unitsExposed += n;
        });
        unitsExposed += delta.uncountedExclusions();
        multipleExposureUnits += delta.multipleExposureUnits();
        delta.countedExclusions().forEach((exclusion, n) -> {
            if (exclusion.firstWindowEnd() >= weightsSinceEnd) {
                unitsSinceWeightsChanged.merge(exclusion.variant(), -n, Long::sum);
            }
        });
        delta.summaries().forEach((key, change) ->
                summaries.put(key, change.applyTo(summaries.getOrDefault(key, SufficientStatistics.EMPTY))));
    }
}
