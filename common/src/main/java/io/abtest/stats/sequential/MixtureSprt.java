package io.abtest.stats.sequential;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;

/**
 * The normal-mixture sequential probability ratio test (mSPRT) of Johari, Pekelis and Walsh: an always-valid
 * p-value and confidence sequence for the difference of means, which may be looked at after every unit.
 *
 * <p>The estimate {@code d} of the effect theta is taken as normal with variance {@code V = SE^2} (its standard
 * error squared, which shrinks as units arrive). Mixing the likelihood ratio of theta against theta_0 over
 * theta ~ N(theta_0, tau^2) gives
 * <pre>
 *   Lambda(theta_0) = sqrt(V / (V + tau^2)) exp( tau^2 (d - theta_0)^2 / (2 V (V + tau^2)) )        (1)
 * </pre>
 * a martingale under theta_0 with mean 1, so by Ville's inequality it exceeds 1/alpha at any time with
 * probability at most alpha. Hence, at each analysis point,
 * <pre>
 *   p  = min(1, 1 / Lambda(0))                                                                     (2)
 *   CS = { theta : Lambda(theta) &lt; 1/alpha }
 *      = d -+ sqrt( V (V + tau^2) / tau^2 * ( ln((V + tau^2) / V) + 2 ln(1/alpha) ) )              (3)
 * </pre>
 * (3) is (1) solved for (d - theta)^2. {@code P(some p_n <= alpha) <= alpha} and {@code P(theta outside some
 * CS_n) <= alpha} hold over all analysis points together, so the running minimum of p over the analyses is also a
 * valid p-value ({@link AlwaysValidPValue#runningMinimum}), and a monitor may stop the first time p &lt;= alpha.
 *
 * <p>This is the "two-stream normal" form of references 1 and 2 with V the variance of the difference of the two
 * sample means (Welch/unpooled, as the {@link Estimate} carries it); with an estimated variance the guarantee is
 * asymptotic, as in those references. The same formulas applied to the relative lift with its delta-method standard
 * error give the lift's confidence sequence: an asymptotic (delta-method) version, valid as the sample grows, with
 * its own mixing variance in relative units. The p-value is the difference's; the lift's is not reported.
 *
 * <p>Tuning: see {@link MixingVariance}; {@link #plannedFor} applies its default rule to both scales.
 *
 * <p>References:
 * <ol>
 *   <li>R. Johari, P. Koomen, L. Pekelis, D. Walsh, "Peeking at A/B tests: why it matters, and what to do about
 *       it", KDD 2017, doi:10.1145/3097983.3097992.</li>
 *   <li>R. Johari, L. Pekelis, D. Walsh, "Always valid inference: continuous monitoring of A/B tests", Operations
 *       Research 70(3), 2022, doi:10.1287/opre.2021.2135, arXiv:1512.04922.</li>
 *   <li>H. Robbins, "Statistical methods related to the law of the iterated logarithm", Annals of Mathematical
 *       Statistics 41(5), 1970 (the normal mixture and its boundary).</li>
 * </ol>
 *
 * @param absoluteMixingVariance tau^2 for the difference, in the metric's units squared
 * @param relativeMixingVariance tau^2 for the relative lift (0.01 = a 10% lift squared)
 */
public record MixtureSprt(double absoluteMixingVariance, double relativeMixingVariance) {

    /**
     * Tuned by {@link MixingVariance#forMinimumDetectableEffect}: the default rule, from the configuration's
     * relative minimum detectable effect, the planned baseline (control) mean, alpha and power.
     *
     * @throws IllegalArgumentException for a zero baseline, or arguments {@link MixingVariance} rejects
     */
    public static MixtureSprt plannedFor(double relativeMde, double baselineMean, double alpha, double power) {
        if (!(baselineMean != 0 && Double.isFinite(baselineMean))) {
            throw new IllegalArgumentException("baseline mean must be non-zero and finite, was " + baselineMean);
        }
        return new MixtureSprt(
                MixingVariance.forMinimumDetectableEffect(relativeMde * baselineMean, alpha, power),
                MixingVariance.forMinimumDetectableEffect(relativeMde, alpha, power));
    }

    /**
     * The always-valid p-value of "no difference" and the confidence sequences at level alpha, at this analysis
     * point. A status other than OK, with a detail, for an estimate that is not OK, a standard error that is
     * missing, NaN or zero, an alpha outside (0, 1) or a mixing variance that is not positive.
     */
    public SequentialResult test(Estimate estimate, double alpha) {
        SequentialResult rejection = SequentialInput.rejection(estimate, alpha);
        if (rejection != null) {
            return rejection;
        }
        if (!(absoluteMixingVariance > 0 && Double.isFinite(absoluteMixingVariance))) {
            return SequentialInput.failed(TestStatus.INVALID_INPUT,
                    "the mixing variance must be positive and finite, was " + absoluteMixingVariance);
        }
        double difference = estimate.difference();
        double variance = square(estimate.differenceStandardError());
        Interval relativeInterval = null;
        if (SequentialInput.hasRelative(estimate)
                && relativeMixingVariance > 0 && Double.isFinite(relativeMixingVariance)) {
            relativeInterval = confidenceSequence(estimate.relative(), square(estimate.relativeStandardError()),
                    relativeMixingVariance, alpha);
        }
        return SequentialInput.ok(pValue(difference, variance, absoluteMixingVariance),
                confidenceSequence(difference, variance, absoluteMixingVariance, alpha), relativeInterval);
    }

    /** ln Lambda(0), eq. (1), for an estimate d with variance V; computed in logs, so it does not overflow. */
    public static double logLikelihoodRatio(double difference, double variance, double mixingVariance) {
        double total = variance + mixingVariance;
        return -0.5 * Math.log1p(mixingVariance / variance)
                + mixingVariance * difference * difference / (2 * variance * total);                   // (1)
    }

    /** Eq. (2): min(1, 1 / Lambda(0)); 0 only when Lambda exceeds the largest double. */
    public static double pValue(double difference, double variance, double mixingVariance) {
        return Math.exp(-Math.max(0, logLikelihoodRatio(difference, variance, mixingVariance)));       // (2)
    }

    /** Eq. (3): the theta whose Lambda(theta) stays below 1/alpha. */
    public static Interval confidenceSequence(double difference, double variance, double mixingVariance,
            double alpha) {
        double halfWidth = Math.sqrt(variance * (variance + mixingVariance) / mixingVariance
                * (Math.log1p(mixingVariance / variance) + 2 * Math.log(1 / alpha)));                   // (3)
        return new Interval(difference - halfWidth, difference + halfWidth);
    }

    private static double square(double x) {
        return x * x;
    }
}
