package io.abtest.stats.decision;

import io.abtest.config.MetricSpec;
import io.abtest.stats.fixed.FixedHorizonResult;
import io.abtest.stats.sequential.SequentialResult;

/**
 * The primary metric's result for one challenger against the control.
 *
 * @param variant the challenger
 * @param metric the primary metric's name
 * @param direction whether higher or lower is better
 * @param controlUnits units in the control
 * @param treatmentUnits units in the challenger
 * @param fixed the fixed-horizon result
 * @param sequential the always-valid result
 * @param adjustedPValue the always-valid p-value after the configured multiple-testing correction; null when
 *     it could not be computed
 */
public record ChallengerEvidence(
        String variant,
        String metric,
        MetricSpec.Direction direction,
        long controlUnits,
        long treatmentUnits,
        FixedHorizonResult fixed,
        SequentialResult sequential,
        Double adjustedPValue) {

    boolean significant(double alpha) {
        return adjustedPValue != null && adjustedPValue < alpha && difference() != null;
    }

    boolean better(double alpha) {
        return significant(alpha) && improvement() > 0;
    }

    boolean worse(double alpha) {
        return significant(alpha) && improvement() < 0;
    }

    /** Treatment minus control: its sign, with the direction, says better or worse (the lift's sign flips below 0). */
    Double difference() {
        return fixed == null || fixed.estimate() == null ? null : fixed.estimate().difference();
    }

    /** The difference signed so that positive is better: comparable across challengers of one control. */
    double improvement() {
        Double d = difference();
        if (d == null) {
            return Double.NEGATIVE_INFINITY;
        }
        return direction == MetricSpec.Direction.HIGHER_IS_BETTER ? d : -d;
    }

    Double controlMean() {
        return fixed == null || fixed.estimate() == null ? null : fixed.estimate().controlMean();
    }

    Double relativeEffect() {
        return fixed == null || fixed.estimate() == null ? null : fixed.estimate().relative();
    }
}
