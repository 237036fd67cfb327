package io.abtest.stats.srm;

import io.abtest.config.Variant;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.gamma.LogBeta;

/**
 * Sample ratio mismatch checked at every analysis point without inflating false alarms: the sequential
 * multinomial test of Lindon and Malek [1]. Each unit's variant is Multinomial(1, theta); the null is the
 * configured split theta = p (p_i = w_i / sum_j w_j), the alternative mixes theta over a Dirichlet(alpha) prior.
 * From the cumulative counts x_1..x_k (n = sum x_i) the Bayes factor of the mixture against the null is
 * <pre>
 *   (1)  BF_n = [Gamma(A) / Gamma(A + n)] prod_i [Gamma(alpha_i + x_i) / Gamma(alpha_i)] / prod_i p_i^{x_i},
 *        A = sum_i alpha_i,  alpha_i = c p_i
 *   (2)  log BF_n = lnGamma(A) - lnGamma(A + n) + sum_i [lnGamma(alpha_i + x_i) - lnGamma(alpha_i)]
 *                   - sum_i x_i ln p_i
 *   (3)  p_n = min(1, 1 / BF_n),   p*_n = min_{m &lt;= n} p_m
 * </pre>
 * (2) is evaluated as ln B(alpha + x) - ln B(alpha) - sum_i x_i ln p_i, with the multivariate log beta function
 * ln B(a) = sum_i lnGamma(a_i) - lnGamma(sum_i a_i) accumulated as sum_{j=2..k} lnBeta(a_1 + ... + a_{j-1}, a_j)
 * (commons-numbers-gamma {@code LogBeta}). Its terms are of size (c + n) ln k and cancel to a result of size 1
 * near the null, so the rounding error grows with c + n: against 50-digit evaluations of (2) with the shares
 * w_i / sum_j w_j (2 to 4 variants, 10 to 10^8 units, c from 1 to 10^6, balanced and skewed weights)
 * <pre>
 *   (4)  |computed log BF_n - log BF_n| &lt;= 2 (c + n) eps,   eps = 2^-52,
 * </pre>
 * at most 1.6 (c + n) eps measured: 1.4e-9 at 4.5 million units with the default c (bound 2.0e-9), 3.4e-8 at
 * 10^8 units (bound 4.4e-8). An absolute error of log BF_n is the relative error of p_n = exp(-log BF_n), so a
 * flag can differ from the exact one only for a p-value within that relative distance of the threshold. Part of
 * the error is the rounding of the shares to doubles, whose sum then misses 1 (up to 5.6e-9 at 10^8 units for
 * thirds); summing the lnGamma terms directly is 10 to 20 times less accurate (5e-7 at 10^8 units).
 * (1) is the ratio of the Dirichlet-multinomial marginal likelihood to the multinomial likelihood at p (the
 * multinomial coefficients cancel), so it depends on the counts only, not on the order of the units or on how
 * they were batched. Under the null, BF_n is a nonnegative martingale with mean 1, so by Ville's inequality
 * P(exists n: BF_n &gt;= 1/a) &lt;= a: both p_n and the running minimum p*_n are anytime-valid p-values [1, 2], and
 * flagging when p*_n &lt; a may be done after every unit, every batch or every analysis run.
 *
 * <p>The mixing prior is centred on the configured split with concentration c (alpha_i = c p_i); each share then
 * has prior standard deviation sqrt(p_i (1 - p_i) / (c + 1)) around p_i, the size of deviation the test is
 * most sensitive to. Default c = 10,000, the default of the authors' reference implementation (Lindon's
 * {@code ssrm} package, {@code dirichlet_concentration=10000}): for a 50/50 split it centres on deviations of
 * about half a percentage point, the size of the SRMs reported by Fabijan et al. In the two-variant normal
 * approximation log BF_n ~ (z^2 / 2) r / (1 + r) - ln(1 + r) / 2 with r = n / (c + 1), so the test is most
 * powerful from n ~ 10 c to 40 c units; a smaller c detects large mismatches sooner, a larger c small ones
 * later.
 *
 * <p>The null must stay the same over the stream: when the weights change (a ramp-up step) start a new stream
 * with the counts since the change. Variants with weight 0 and no units take no part; a variant with weight 0
 * that received units is reported as INVALID_INPUT with {@code mismatch = true}.
 *
 * <p>Equation numbers above are this class's own: the paper states (1) for its multinomial test (Section 2) with
 * the prior written as Dirichlet(alpha).
 *
 * <p>References:
 * <ol>
 *   <li>M. Lindon, A. Malek, "Anytime-Valid Inference for Multinomial Count Data", NeurIPS 2022,
 *       arXiv:2011.03567.</li>
 *   <li>G. Shafer, A. Shen, N. Vereshchagin, V. Vovk, "Test Martingales, Bayes Factors and p-Values",
 *       Statistical Science 26(1) (2011), 84-101, doi:10.1214/10-STS347.</li>
 * </ol>
 * Log Bayes factors are checked against a {@code scipy.special.gammaln} computation of (2), and the false-alarm
 * rate under peeking by simulation, in {@code SequentialSampleRatioMismatchTest}; (4) over the grid of 50-digit
 * mpmath evaluations in {@code SequentialSampleRatioMismatchReferenceTest}.
 */
public final class SequentialSampleRatioMismatch {

    /** Concentration c of the Dirichlet(c p) mixture by default (Lindon's {@code ssrm} package). */
    public static final double DEFAULT_CONCENTRATION = 10_000;

    /** The p-value below which a mismatch is flagged by default, as for the fixed-horizon check. */
    public static final double DEFAULT_THRESHOLD = SampleRatioMismatch.DEFAULT_THRESHOLD;

    private final double concentration;
    private final double threshold;

    /**
     * @param concentration c &gt; 0 of the Dirichlet(c p) mixing distribution
     * @param threshold flag a mismatch when the running minimum p-value is below it; in (0, 1)
     */
    public SequentialSampleRatioMismatch(double concentration, double threshold) {
        if (!(concentration > 0 && Double.isFinite(concentration))) {
            throw new IllegalArgumentException("concentration must be positive and finite: " + concentration);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        this.concentration = concentration;
        this.threshold = threshold;
    }

    public static SequentialSampleRatioMismatch withDefaults() {
        return new SequentialSampleRatioMismatch(DEFAULT_CONCENTRATION, DEFAULT_THRESHOLD);
    }

    public double concentration() {
        return concentration;
    }

    public double threshold() {
        return threshold;
    }

    /**
     * The first analysis point of a stream.
     *
     * @param cumulativeCounts units per variant since the start of the stream
     * @param weights configured weights, in the same order; need not sum to 1
     */
    public SequentialSampleRatioMismatchResult test(long[] cumulativeCounts, double[] weights) {
        return test(cumulativeCounts, weights, null);
    }

    /**
     * A later analysis point of the same stream.
     *
     * @param previous the result at the previous analysis point; null at the first
     */
    public SequentialSampleRatioMismatchResult test(long[] cumulativeCounts, double[] weights,
            SequentialSampleRatioMismatchResult previous) {
        return test(AssignmentCounts.check(cumulativeCounts, weights, null), previous);
    }

    /**
     * @param variants the configured variants with their weights
     * @param cumulativeUnitsByVariant units per variant name since the start of the stream; missing means 0
     * @param previous the result at the previous analysis point; null at the first
     */
    public SequentialSampleRatioMismatchResult test(List<Variant> variants, Map<String, Long> cumulativeUnitsByVariant,
            SequentialSampleRatioMismatchResult previous) {
        return test(AssignmentCounts.check(variants, cumulativeUnitsByVariant), previous);
    }

    private SequentialSampleRatioMismatchResult test(AssignmentCounts counts,
            SequentialSampleRatioMismatchResult previous) {
        Double previousMinimum = previous == null ? null : previous.runningMinimumPValue();
        boolean flaggedBefore = previous != null && previous.mismatch();
        if (!counts.isOk()) {
            return new SequentialSampleRatioMismatchResult(counts.status(), counts.detail(), null, null,
                    previousMinimum, flaggedBefore || counts.unitsInZeroWeightVariant(), threshold, concentration,
                    counts.total(), counts.observedShares(), counts.expectedShares());
        }
        double logBayesFactor = logBayesFactor(counts.testedObserved(), counts.testedShares());
        // (3)
        double pValue = Math.min(1, Math.exp(-logBayesFactor));
        double runningMinimum = previousMinimum == null ? pValue : Math.min(previousMinimum, pValue);
        return new SequentialSampleRatioMismatchResult(counts.status(), null, logBayesFactor, pValue,
                runningMinimum, flaggedBefore || runningMinimum < threshold, threshold, concentration,
                counts.total(), counts.observedShares(), counts.expectedShares());
    }

    /** (2), for positive shares p_i summing to 1 and counts x_i &gt;= 0. */
    double logBayesFactor(long[] counts, double[] shares) {
        double[] prior = new double[counts.length];
        double[] posterior = new double[counts.length];
        double nullLogLikelihood = 0;
        for (int i = 0; i < counts.length; i++) {
            prior[i] = concentration * shares[i];
            posterior[i] = prior[i] + counts[i];
            nullLogLikelihood += counts[i] * Math.log(shares[i]);
        }
        return logMultivariateBeta(posterior) - logMultivariateBeta(prior) - nullLogLikelihood;
    }

    /** ln B(a) = sum_i lnGamma(a_i) - lnGamma(sum_i a_i), one two-argument log beta per further component. */
    private static double logMultivariateBeta(double[] a) {
        double partialSum = a[0];
        double logBeta = 0;
        for (int j = 1; j < a.length; j++) {
            logBeta += LogBeta.value(partialSum, a[j]);
            partialSum += a[j];
        }
        return logBeta;
    }
}
