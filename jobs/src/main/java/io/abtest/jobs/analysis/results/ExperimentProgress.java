package io.abtest.jobs.analysis.results;

import io.abtest.jobs.analysis.records.DecisionRow;
import io.abtest.stats.analysis.AnalysisState;
import io.abtest.stats.analysis.SummaryKey;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.HashMap;
import java.util.Map;

/** One experiment's state between analysis points. */
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
}
