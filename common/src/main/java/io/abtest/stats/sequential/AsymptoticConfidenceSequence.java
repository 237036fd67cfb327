package io.abtest.stats.sequential;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import io.abtest.stats.fixed.FixedHorizonResult;

/**
 * The asymptotic confidence sequence (AsympCS) of Waudby-Smith, Arnold, Wu, Howard and Ramdas with the Gaussian
 * mixture boundary, as GrowthBook and Eppo use it, applied to a difference of two means; and its always-valid
 * p-value.
 *
 * <p>For the mean of n i.i.d. observations with sample standard deviation sigma_n, reference 1 (the Gaussian-mixture
 * boundary, eq. (9) of arXiv v7, the equation number gbstats cites; not re-checked against the journal version)
 * gives the (1 - alpha) AsympCS
 * <pre>
 *   mean_n -+ sigma_n sqrt( 2 (n rho^2 + 1) / (n^2 rho^2) * ln( sqrt(n rho^2 + 1) / alpha ) )        (1)
 * </pre>
 * with rho &gt; 0 a free parameter. The half-width is smallest at a planned n* approximately for
 * <pre>
 *   rho^2 = ( -2 ln alpha + ln(-2 ln alpha + 1) ) / n*                                                (2)
 * </pre>
 * (reference 1, appendix on choosing rho; eq. (161) of arXiv v7 as gbstats cites it). It is one fixed-point
 * step of the exact optimum, {@link MixingVariance#widthMinimisingRatio}: 7.94 / n* instead of 8.21 / n* at
 * alpha = 0.05.
 *
 * <p><b>Adaptation to a difference of two means.</b> Let n = n_t + n_c be the units in both variants, each unit
 * assigned to treatment with probability pi. The difference of the sample means is asymptotically linear: up to a
 * negligible remainder it is the mean over all n units of the i.i.d. influence values
 * {@code psi_i = Z_i (Y_i - mu_t) / pi - (1 - Z_i) (Y_i - mu_c) / (1 - pi)}, whose variance is
 * {@code sigma_t^2 / pi + sigma_c^2 / (1 - pi)} (as in reference 1's treatment of causal effects in randomized experiments). Its consistent
 * estimate is {@code sigma_n^2 = n SE^2}, SE the Welch standard error of the difference
 * ({@code SE^2 = s_t^2 / n_t + s_c^2 / n_c}) since n_t / n tends to pi. Putting n and this sigma_n into (1):
 * <pre>
 *   d -+ SE sqrt(n) sqrt( 2 (n rho^2 + 1) / (n^2 rho^2) * ln( sqrt(n rho^2 + 1) / alpha ) )           (3)
 * </pre>
 * and n* in (2) is the planned total number of units of both variants. The lift gets (3) with its delta-method
 * standard error in place of SE and the same rho (rho is scale-free: it acts on standardized sums).
 *
 * <p><b>Always-valid p-value.</b> The smallest alpha at which (3) excludes 0. With rho fixed by (2) at the design
 * level, the half-width decreases strictly in alpha, and solving (3) for the alpha at which its half-width equals
 * |d| gives it in closed form:
 * <pre>
 *   p = min(1, sqrt(n rho^2 + 1) exp( -n rho^2 d^2 / (2 SE^2 (n rho^2 + 1)) ))                       (4)
 * </pre>
 * {@code p <= alpha'} exactly when the level-alpha' sequence excludes 0, for every alpha', so p inherits the
 * sequence's time-uniform (asymptotic) guarantee. (4) is the mixture SPRT's 1/Lambda with tau^2 = rho^2
 * sigma_n^2: the two methods differ in that tau^2 is fixed in the metric's units there and follows the estimated
 * standard deviation here.
 *
 * <p>References:
 * <ol>
 *   <li>I. Waudby-Smith, D. Arnold, J. Wu, S. R. Howard, A. Ramdas, "Time-uniform central limit theory and
 *       asymptotic confidence sequences", Annals of Statistics 52(6), 2024, arXiv:2103.06476.</li>
 *   <li>GrowthBook gbstats, {@code frequentist/tests.py}, {@code SequentialTwoSidedTTest} (n the sum of both
 *       variants' units, sigma^2 = n times the variance of the effect).</li>
 * </ol>
 *
 * @param rhoSquared rho^2 of (1); {@link #plannedFor} sets it by (2)
 */
public record AsymptoticConfidenceSequence(double rhoSquared) {

    /**
     * Eq. (2): tuned to be narrowest at the planned total number of units (both variants) at the design level.
     *
     * @throws IllegalArgumentException unless alpha is in (0, 1) and the planned units are positive
     */
    public static AsymptoticConfidenceSequence plannedFor(long plannedTotalUnits, double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), was " + alpha);
        }
        if (plannedTotalUnits <= 0) {
            throw new IllegalArgumentException("planned total units must be positive, was " + plannedTotalUnits);
        }
        double twiceLogInverseAlpha = -2 * Math.log(alpha);
        return new AsymptoticConfidenceSequence(
                (twiceLogInverseAlpha + Math.log1p(twiceLogInverseAlpha)) / plannedTotalUnits);          // (2)
    }

    /**
     * The always-valid p-value and confidence sequences at level alpha for this analysis point. A status other than
     * OK, with a detail, for an estimate that is not OK or has no units, a standard error that is missing, NaN or
     * zero, an alpha outside (0, 1) or a rho^2 that is not positive.
     */
    public SequentialResult test(Estimate estimate, double alpha) {
        SequentialResult rejection = SequentialInput.rejection(estimate, alpha);
        if (rejection != null) {
            return rejection;
        }
        SequentialResult badRho = invalidRho();
        if (badRho != null) {
            return badRho;
        }
        if (estimate.controlN() <= 0 || estimate.treatmentN() <= 0) {
            return SequentialInput.failed(TestStatus.NOT_ENOUGH_DATA,
                    "a variant has no units: control " + estimate.controlN() + ", treatment " + estimate.treatmentN());
        }
        double n = (double) estimate.controlN() + estimate.treatmentN();
        return sequences(estimate, pValue(estimate.difference(), estimate.differenceStandardError(), n, rhoSquared),
                alpha);
    }

    /**
     * The always-valid companion of a fixed-horizon test at the same analysis point: (4) with the test's own
     * statistic as d / SE (for proportions the pooled z, whose standard error is the one under the null
     * hypothesis), and (3) around the estimate's difference and lift with their standard errors. It exists
     * whenever the fixed-horizon test has a p-value, whatever the control's mean (0 or negative included), since
     * neither (3) nor (4) uses it. Where the estimate has no variance but the test has a statistic (rates 0 and 1),
     * the sequence is the point the fixed-horizon interval is. A status other than OK, with the test's detail,
     * where the test has no p-value.
     */
    public SequentialResult test(FixedHorizonResult fixed, double alpha) {
        if (fixed == null || fixed.estimate() == null) {
            return SequentialInput.failed(TestStatus.INVALID_INPUT, "no fixed-horizon result");
        }
        if (fixed.status() != TestStatus.OK || fixed.statistic() == null) {
            TestStatus status = fixed.status() == null || fixed.status() == TestStatus.OK
                    ? TestStatus.INVALID_INPUT : fixed.status();
            return SequentialInput.failed(status, fixed.detail() == null ? "the fixed-horizon test has no statistic"
                    : fixed.detail());
        }
        SequentialResult badLevel = SequentialInput.invalidLevel(alpha);
        if (badLevel != null) {
            return badLevel;
        }
        SequentialResult badRho = invalidRho();
        if (badRho != null) {
            return badRho;
        }
        Estimate estimate = fixed.estimate();
        double n = (double) estimate.controlN() + estimate.treatmentN();
        return sequences(estimate, pValueOfStatistic(fixed.statistic(), n, rhoSquared), alpha);
    }

    private SequentialResult invalidRho() {
        return rhoSquared > 0 && Double.isFinite(rhoSquared) ? null
                : SequentialInput.failed(TestStatus.INVALID_INPUT, "rho^2 must be positive and finite, was " + rhoSquared);
    }

    /** Eq. (3) around the difference and, where it has a standard error, the lift; with the p-value given. */
    private SequentialResult sequences(Estimate estimate, double pValue, double alpha) {
        double n = (double) estimate.controlN() + estimate.treatmentN();
        Interval relative = SequentialInput.hasRelative(estimate)
                ? confidenceSequence(estimate.relative(), estimate.relativeStandardError(), n, rhoSquared, alpha)
                : null;
        return SequentialInput.ok(pValue,
                confidenceSequence(estimate.difference(), estimate.differenceStandardError(), n, rhoSquared, alpha),
                relative);
    }

    /** Eq. (3): the half-width for an effect with standard error SE after n units in total. */
    public static double halfWidth(double standardError, double n, double rhoSquared, double alpha) {
        double nRho2 = n * rhoSquared;
        return standardError * Math.sqrt(n)
                * Math.sqrt(2 * (nRho2 + 1) / (n * n * rhoSquared) * Math.log(Math.sqrt(nRho2 + 1) / alpha)); // (3)
    }

    public static Interval confidenceSequence(double difference, double standardError, double n,
            double rhoSquared, double alpha) {
        double halfWidth = halfWidth(standardError, n, rhoSquared, alpha);
        return new Interval(difference - halfWidth, difference + halfWidth);
    }

    /** Eq. (4), computed in logs so that it neither overflows nor returns NaN. */
    public static double pValue(double difference, double standardError, double n, double rhoSquared) {
        return pValueOfStatistic(difference / standardError, n, rhoSquared);
    }

    /** Eq. (4) for the statistic z = d / SE. */
    public static double pValueOfStatistic(double z, double n, double rhoSquared) {
        double nRho2 = n * rhoSquared;
        double logP = 0.5 * Math.log1p(nRho2) - nRho2 / (nRho2 + 1) * z * z / 2;                      // (4)
        return Math.exp(Math.min(0, logP));
    }

}
