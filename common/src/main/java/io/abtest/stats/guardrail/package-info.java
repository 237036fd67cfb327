/**
 * Guardrails: per variant and window, is a safety limit breached? Each rule returns a {@link
 * io.abtest.stats.guardrail.WindowJudgment} (BREACH, HEALTHY or NOT_JUDGED, with the observed value, the absolute
 * threshold and the confidence bound compared).
 *
 * <ul>
 *   <li>{@link io.abtest.stats.guardrail.RateGuardrail}: {@code error_rate}, {@code timeout_rate}, by a one-sided
 *       confidence bound ({@link io.abtest.stats.guardrail.WilsonScoreBounds}; relative to the control,
 *       {@link io.abtest.stats.guardrail.NewcombeDifferenceBounds}).</li>
 *   <li>{@link io.abtest.stats.guardrail.LatencyGuardrail}: {@code latency_p50/p95/p99}, the window's percentile
 *       against an absolute threshold or the control's percentile scaled.</li>
 *   <li>{@link io.abtest.stats.guardrail.MetricGuardrail}: a configured metric, by the always-valid confidence
 *       sequence of the difference against a non-inferiority margin.</li>
 * </ul>
 *
 * A window with fewer than {@code min_events} served predictions (units, for a configured metric) for the variant,
 * or for the control when the rule compares with it, is NOT_JUDGED: neither a breach nor healthy.
 */
package io.abtest.stats.guardrail;
