package io.abtest.stats.analysis;

import io.abtest.stats.decision.GuardrailBreach;
import io.abtest.stats.summary.SufficientStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the analysis job has accumulated for one experiment at one analysis point (cumulative since the start).
 *
 * @param asOf the analysis point (a window end, in event time)
 * @param elapsed event time since the experiment's first unit
 * @param unitsByVariant units assigned per variant, for the sample-ratio check
 * @param weightsInForce the weights the units were split by (the configuration's, a ramp step's or a control
 *     record's); the SRM check compares against these
 * @param summaries per variant, metric and segment
 * @param breaches guardrails breached so far
 * @param plannedUnitsPerVariant the planned sample per variant; 0 when there is no plan
 * @param rampComplete false while a ramp-up is under way
 * @param multipleExposureUnits units served more than one variant so far, excluded from every metric and from
 *     {@code unitsByVariant}
 * @param unitsExposed every unit seen so far, the excluded ones included (the denominator of their share)
 */
public record AnalysisInput(
        Instant asOf,
        Duration elapsed,
        Map<String, Long> unitsByVariant,
        Map<String, Double> weightsInForce,
        Map<SummaryKey, SufficientStatistics> summaries,
        List<GuardrailBreach> breaches,
        long plannedUnitsPerVariant,
        boolean rampComplete,
        long multipleExposureUnits,
        long unitsExposed) {

    /** An input without multi-exposed units. */
    public AnalysisInput(Instant asOf, Duration elapsed, Map<String, Long> unitsByVariant,
            Map<String, Double> weightsInForce, Map<SummaryKey, SufficientStatistics> summaries,
            List<GuardrailBreach> breaches, long plannedUnitsPerVariant, boolean rampComplete) {
        this(asOf, elapsed, unitsByVariant, weightsInForce, summaries, breaches, plannedUnitsPerVariant, rampComplete,
                0, 0);
    }

    public AnalysisInput {
        unitsByVariant = Map.copyOf(unitsByVariant);
        weightsInForce = Map.copyOf(weightsInForce);
        summaries = Map.copyOf(summaries);
        breaches = List.copyOf(breaches);
    }
}
