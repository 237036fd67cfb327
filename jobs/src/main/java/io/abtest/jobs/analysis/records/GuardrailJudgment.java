package io.abtest.jobs.analysis.records;

import io.abtest.config.GuardrailSpec;
import io.abtest.stats.guardrail.WindowJudgment;

/**
 * One guardrail's verdict on one variant in one of its windows: the input of the incident pattern.
 *
 * @param experimentId the experiment
 * @param variant the variant judged (never the control when the guardrail is relative to it)
 * @param guardrail the guardrail's name
 * @param metric the metric it watches
 * @param windowStart epoch milliseconds, inclusive (for a configured metric: the start of the experiment's data)
 * @param windowEnd epoch milliseconds, exclusive (for a configured metric: the analysis point)
 * @param verdict whether the window breached, was healthy, or was not judged (too few events)
 * @param observed the variant's value in the window (a percentile, a rate, a metric's mean); null when not judged
 * @param threshold the absolute value it was judged against (for a relative guardrail, computed from the
 *     control's value); null when not judged
 * @param bound the confidence bound compared with the threshold for statistically judged guardrails (rates,
 *     configured metrics); null for percentiles and when not judged
 * @param events served predictions of the variant in the window (for a configured metric: its units)
 */
public record GuardrailJudgment(
        String experimentId,
        String variant,
        String guardrail,
        String metric,
        long windowStart,
        long windowEnd,
        Verdict verdict,
        Double observed,
        Double threshold,
        Double bound,
        long events) {

    public enum Verdict { BREACH, HEALTHY, NOT_JUDGED }

    /** The statistics engine's judgment of {@code variant} by {@code guardrail} in one window, as a record. */
    public static GuardrailJudgment of(String experimentId, String variant, GuardrailSpec guardrail, long windowStart,
            long windowEnd, WindowJudgment judgment, long events) {
        return new GuardrailJudgment(experimentId, variant, guardrail.name(), guardrail.metric(), windowStart,
                windowEnd, Verdict.valueOf(judgment.verdict().name()), judgment.observed(), judgment.threshold(),
                judgment.bound(), events);
    }

    public boolean breached() {
        return verdict == Verdict.BREACH;
    }

    public boolean healthy() {
        return verdict == Verdict.HEALTHY;
    }

    /** experiment, variant and guardrail: the key of the incident pattern. */
    public String incidentKey() {
        return experimentId + '\u0000' + variant + '\u0000' + guardrail;
    }
}
