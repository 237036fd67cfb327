package io.abtest.stats.guardrail;

import io.abtest.config.GuardrailSpec;
import io.abtest.config.MetricSpec.Direction;
import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.analysis.ComparisonResult;
import io.abtest.stats.sequential.AsymptoticConfidenceSequence;

/**
 * Judges a guardrail on a configured metric (business or model quality, e.g. {@code converted}) at an analysis
 * point, as a non-inferiority test against the control in the manner of Spotify's confidence and GrowthBook's safe
 * rollouts [1, 2]: the treatment breaches when the always-valid confidence sequence of the difference
 * d = m_T - m_C ({@link AsymptoticConfidenceSequence}, the results' {@code sequential_ci_low/high}) lies entirely
 * on the harmful side of a margin that is the threshold theta read as a fraction of the control's mean m_C:
 * <pre>
 *   allowed loss  delta = theta |m_C|                                                                   (1)
 *   higher_is_better:  breach when  upper(d) &lt; -delta                                                 (2)
 *   lower_is_better:   breach when  lower(d) &gt; +delta                                                 (3)
 * </pre>
 * Judged on the difference, not the lift, so that a control mean of 0 (delta = 0: any proven harm breaches) or
 * below 0 (|m_C| keeps the margin on the harmful side) works; the harmful side comes from the metric's direction,
 * which the configuration checks against the guardrail's {@code comparison}.
 *
 * <p>The sequence is the results' two-sided one at the experiment's alpha; reading one of its sides is a one-sided
 * test whose false-breach probability is at most alpha and, the boundary being symmetric, about alpha / 2: a
 * conservative one-sided test, valid however often the guardrail is judged (every analysis point).
 *
 * <p>Reported on the metric's scale: {@code observed} = m_T; {@code threshold} = m_C - delta (higher_is_better) or
 * m_C + delta (lower_is_better), the treatment mean at the margin; {@code bound} = m_C + upper(d) or
 * m_C + lower(d), the control's mean plus the sequence's bound of the difference (regression-adjusted when the
 * metric has a covariate, so then it need not straddle m_T).
 *
 * <p>NOT_JUDGED when the always-valid result is not OK (too little data, zero variance, bad input) or either
 * variant has fewer than {@code min_events} units.
 *
 * <p>References:
 * <ol>
 *   <li>Spotify, confidence (github.com/spotify/confidence): non-inferiority margins for guardrail metrics,
 *       relative to the control's mean.</li>
 *   <li>GrowthBook, safe rollouts ({@code getSafeRolloutResultStatus}): a guardrail fails when the sequential
 *       interval of the effect lies entirely on its harmful side.</li>
 * </ol>
 */
public final class MetricGuardrail {

    private MetricGuardrail() {}

    /**
     * @param result the treatment against the control on the guardrail's metric, over all units (segment null)
     * @param direction the metric's direction
     * @param spec the guardrail: threshold (the relative margin theta &gt;= 0) and min_events
     */
    public static WindowJudgment judge(ComparisonResult result, Direction direction, GuardrailSpec spec) {
        if (result.sequential() == null || result.sequential().status() != TestStatus.OK
                || result.sequential().absoluteInterval() == null || result.fixed() == null) {
            return WindowJudgment.notJudged();
        }
        Estimate estimate = result.fixed().estimate();
        if (estimate == null || estimate.controlMean() == null || estimate.treatmentMean() == null
                || estimate.controlN() < spec.minEvents() || estimate.treatmentN() < spec.minEvents()) {
            return WindowJudgment.notJudged();
        }
        double controlMean = estimate.controlMean();
        double allowedLoss = spec.threshold() * Math.abs(controlMean); // (1)
        Interval sequence = result.sequential().absoluteInterval();
        if (direction == Direction.HIGHER_IS_BETTER) {
            boolean breach = sequence.high() < -allowedLoss; // (2)
            return WindowJudgment.judged(breach, estimate.treatmentMean(), controlMean - allowedLoss,
                    controlMean + sequence.high());
        }
        boolean breach = sequence.low() > allowedLoss; // (3)
        return WindowJudgment.judged(breach, estimate.treatmentMean(), controlMean + allowedLoss,
                controlMean + sequence.low());
    }
}
