package io.abtest.stats.sequential;

import static io.abtest.stats.sequential.MixtureSprtReferenceTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The tuning rule against scipy: the width-minimising ratio by brentq, and tau^2 from a planned variance and from a
 * minimum detectable effect (with scipy.stats.norm.ppf). Tolerance 1e-9 relative.
 */
class MixingVarianceReferenceTest {

    @ParameterizedTest(name = "alpha={0}, power={1}, mde={2}, V*={3}")
    @CsvFileSource(resources = "/stats/sequential/mixing_variance_reference.csv", numLinesToSkip = 1)
    void matchesScipy(double alpha, double power, double mde, double plannedVariance,
            double ratio, double fromVariance, double fromMde) {
        assertRelative(ratio, MixingVariance.widthMinimisingRatio(alpha));
        assertRelative(fromVariance, MixingVariance.forPlannedVariance(plannedVariance, alpha));
        assertRelative(fromMde, MixingVariance.forMinimumDetectableEffect(mde, alpha, power));
        assertRelative(fromMde, MixingVariance.forMinimumDetectableEffect(-mde, alpha, power));
    }

    /** The ratio minimises the half-width of eq. (3) of {@link MixtureSprt}: nearby ratios give wider sequences. */
    @Test
    void theRatioMinimisesTheWidthAtThePlannedVariance() {
        double variance = 9e-6;
        double ratio = MixingVariance.widthMinimisingRatio(0.05);
        double best = width(ratio * variance, variance);
        assertTrue(best < width(ratio * 1.05 * variance, variance));
        assertTrue(best < width(ratio * 0.95 * variance, variance));
    }

    @Test
    void planningArgumentsOutOfRangeAreConfigurationErrors() {
        assertThrows(IllegalArgumentException.class, () -> MixingVariance.widthMinimisingRatio(1));
        assertThrows(IllegalArgumentException.class, () -> MixingVariance.forPlannedVariance(0, 0.05));
        assertThrows(IllegalArgumentException.class, () -> MixingVariance.forMinimumDetectableEffect(0.1, 0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> MixingVariance.forMinimumDetectableEffect(0, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> MixtureSprt.plannedFor(0.1, 0, 0.05, 0.8));
        assertThrows(IllegalArgumentException.class, () -> AsymptoticConfidenceSequence.plannedFor(0, 0.05));
    }

    private static double width(double tau2, double variance) {
        return MixtureSprt.confidenceSequence(0, variance, tau2, 0.05).high();
    }
}
