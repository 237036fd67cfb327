package io.abtest.stats.decision;

import java.time.Duration;
import java.util.List;

/**
 * Everything the rollout decision rests on, at one analysis point.
 *
 * @param experimentId the experiment
 * @param alpha the configured significance level
 * @param elapsed event time since the experiment's first unit
 * @param minimumDuration the configured minimum duration
 * @param minimumSampleSize the configured minimum units per variant
 * @param plannedUnitsPerVariant the sample the plan asks for per variant (0 when there is no plan)
 * @param srmPValue the sample-ratio-mismatch p-value; null when not computed
 * @param srmMismatch whether the SRM check flagged a mismatch
 * @param rampComplete whether the challengers already get their final share (false while a ramp-up is under way)
 * @param challengers the primary metric's result per challenger
 * @param breaches guardrails breached so far
 * @param segments per-segment results of every metric
 * @param multipleExposureUnits units served more than one variant so far (excluded from every metric)
 * @param unitsExposed every unit seen so far, the excluded ones included
 * @param maxMultipleExposure the configured largest share of multi-exposed units ({@code max_multiple_exposure})
 */
public record DecisionInput(
        String experimentId,
        double alpha,
        Duration elapsed,
        Duration minimumDuration,
        long minimumSampleSize,
        long plannedUnitsPerVariant,
        Double srmPValue,
        boolean srmMismatch,
        boolean rampComplete,
        List<ChallengerEvidence> challengers,
        List<GuardrailBreach> breaches,
        List<SegmentEvidence> segments,
        long multipleExposureUnits,
        long unitsExposed,
        double maxMultipleExposure) {

    /** An input without multi-exposed units. */
    public DecisionInput(String experimentId, double alpha, Duration elapsed, Duration minimumDuration,
            long minimumSampleSize, long plannedUnitsPerVariant, Double srmPValue, boolean srmMismatch,
            boolean rampComplete, List<ChallengerEvidence> challengers, List<GuardrailBreach> breaches,
            List<SegmentEvidence> segments) {
        this(experimentId, alpha, elapsed, minimumDuration, minimumSampleSize, plannedUnitsPerVariant, srmPValue,
                srmMismatch, rampComplete, challengers, breaches, segments, 0, 0,
                io.abtest.config.ExperimentConfig.DEFAULT_MAX_MULTIPLE_EXPOSURE);
    }

    public DecisionInput {
        challengers = List.copyOf(challengers);
        breaches = List.copyOf(breaches);
        segments = List.copyOf(segments);
    }

    /** The share of multi-exposed units among every unit seen; 0 before any unit. */
    public double multipleExposureShare() {
        return unitsExposed <= 0 ? 0 : (double) multipleExposureUnits / unitsExposed;
    }

    /** Whether that share is above {@code maxMultipleExposure}. */
    public boolean tooManyMultipleExposures() {
        return multipleExposureShare() > maxMultipleExposure;
    }

    long smallestVariantUnits() {
        long smallest = Long.MAX_VALUE;
        for (ChallengerEvidence c : challengers) {
            smallest = Math.min(smallest, Math.min(c.controlUnits(), c.treatmentUnits()));
        }
        return challengers.isEmpty() ? 0 : smallest;
    }
}
