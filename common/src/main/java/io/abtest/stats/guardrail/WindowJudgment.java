package io.abtest.stats.guardrail;

/**
 * A guardrail's verdict on one variant in one window, with the numbers it rests on, all on the scale of the
 * metric watched (milliseconds, a rate, a metric's mean), so that a breach reads as "bound (or observed) beyond
 * threshold".
 *
 * @param verdict BREACH, HEALTHY, or NOT_JUDGED when the window had too few events or no result to judge
 * @param observed the variant's value in the window; null when not judged
 * @param threshold the absolute value judged against (for a relative guardrail, computed from the control's value
 *     in the same window); null when not judged
 * @param bound the confidence bound compared with the threshold for statistically judged guardrails (rates,
 *     configured metrics); null for percentiles and when not judged
 */
public record WindowJudgment(Verdict verdict, Double observed, Double threshold, Double bound) {

    /** NOT_JUDGED counts neither as a breach nor as healthy. */
    public enum Verdict { BREACH, HEALTHY, NOT_JUDGED }

    private static final WindowJudgment NOT_JUDGED = new WindowJudgment(Verdict.NOT_JUDGED, null, null, null);

    public static WindowJudgment notJudged() {
        return NOT_JUDGED;
    }

    static WindowJudgment judged(boolean breach, double observed, double threshold, Double bound) {
        return new WindowJudgment(breach ? Verdict.BREACH : Verdict.HEALTHY, observed, threshold, bound);
    }

    public boolean breached() {
        return verdict == Verdict.BREACH;
    }
}
