package io.abtest.stats.srm;

import io.abtest.config.Variant;
import io.abtest.stats.TestStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Sample ratio mismatch (SRM): are the units split between the variants as the configured weights say? A
 * chi-square goodness-of-fit test of the observed unit counts x_1..x_k (n = sum x_i) against the expected counts
 * n p_i, where p_i = w_i / sum_j w_j are the weights normalised [1]:
 * <pre>
 *   (1)  X^2 = sum_i (x_i - n p_i)^2 / (n p_i)
 *   (2)  p   = P(chi^2_{k-1} >= X^2)
 * </pre>
 * and a mismatch is flagged when p &lt; 0.001 by default, the threshold of Fabijan et al. [2]: at that level a
 * healthy experiment raises a false alarm once in a thousand checks, and a real mismatch (which invalidates every
 * metric of the experiment) is rarely missed at the sample sizes of online experiments.
 *
 * <p>Variants with weight 0 and no units take no part (k counts only positive weights); a variant with weight 0
 * that received units is reported as INVALID_INPUT with {@code mismatch = true}, since no p-value can express an
 * expected count of 0; so is a statistic beyond the double range (an expected count so small that it is 0 in all but
 * name). The chi-square reference is an approximation that is rough when an expected count is
 * below 5; the p-value is still reported, as scipy's {@code chisquare} does.
 *
 * <p>This is a fixed-horizon test: checking it again and again as units arrive inflates its false alarms. For a
 * check at every analysis point use {@link SequentialSampleRatioMismatch}.
 *
 * <p>References:
 * <ol>
 *   <li>K. Pearson, "On the criterion that a given system of deviations from the probable in the case of a
 *       correlated system of variables is such that it can be reasonably supposed to have arisen from random
 *       sampling", Philosophical Magazine 50 (1900), 157-175, doi:10.1080/14786440009463897.</li>
 *   <li>A. Fabijan, J. Gupchup, S. Gupta, J. Omhover, W. Qin, L. Vermeer, P. Dmitriev, "Diagnosing Sample Ratio
 *       Mismatch in Online Controlled Experiments: A Taxonomy and Rules of Thumb for Practitioners", KDD 2019,
 *       doi:10.1145/3292500.3330722.</li>
 * </ol>
 * Checked against scipy {@code scipy.stats.chisquare(f_obs, f_exp)} in {@code SampleRatioMismatchTest}.
 */
public final class SampleRatioMismatch {

    /** The p-value below which a mismatch is flagged by default (Fabijan et al. 2019). */
    public static final double DEFAULT_THRESHOLD = 0.001;

    private static final ChiSquareTest CHI_SQUARE = ChiSquareTest.withDefaults();

    private final double threshold;

    /**
     * @param threshold flag a mismatch when p &lt; threshold; in (0, 1)
     */
    public SampleRatioMismatch(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
        }
        this.threshold = threshold;
    }

    public static SampleRatioMismatch withDefaults() {
        return new SampleRatioMismatch(DEFAULT_THRESHOLD);
    }

    public double threshold() {
        return threshold;
    }

    /**
     * @param observed units per variant
     * @param weights configured weights, in the same order; need not sum to 1
     */
    public SampleRatioMismatchResult test(long[] observed, double[] weights) {
        return test(AssignmentCounts.check(observed, weights, null));
    }

    /**
     * @param variants the configured variants with their weights
     * @param unitsByVariant units per variant name; a variant missing from the map has 0 units
     */
    public SampleRatioMismatchResult test(List<Variant> variants, Map<String, Long> unitsByVariant) {
        return test(AssignmentCounts.check(variants, unitsByVariant));
    }

    private SampleRatioMismatchResult test(AssignmentCounts counts) {
        if (!counts.isOk()) {
            return new SampleRatioMismatchResult(counts.status(), counts.detail(), null, null, null,
                    counts.unitsInZeroWeightVariant(), threshold, counts.total(),
                    counts.observedShares(), counts.expectedShares());
        }
        double[] shares = counts.testedShares();
        // (1), (2): ChiSquareTest rescales the expected shares to the observed total n.
        SignificanceResult chiSquare = CHI_SQUARE.test(shares, counts.testedObserved());
        double pValue = chiSquare.getPValue();
        if (!Double.isFinite(chiSquare.getStatistic())) {
            return new SampleRatioMismatchResult(TestStatus.INVALID_INPUT, "a variant's expected count is so small"
                    + " (shares " + Arrays.toString(shares) + " of " + counts.total() + " units) that the statistic"
                    + " exceeds the double range: the observed split cannot come from the weights", null, null, null,
                    true, threshold, counts.total(), counts.observedShares(), counts.expectedShares());
        }
        return new SampleRatioMismatchResult(counts.status(), null, chiSquare.getStatistic(), shares.length - 1,
                pValue, pValue < threshold, threshold, counts.total(),
                counts.observedShares(), counts.expectedShares());
    }
}
