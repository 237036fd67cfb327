package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Lambda, the always-valid p-value and the confidence sequence of the mixture SPRT against numpy evaluations of the
 * published formulas (file header: script, versions and exact expressions). Tolerance 1e-9 relative (closed
 * forms).
 */
class MixtureSprtReferenceTest {

    private static final double TOLERANCE = 1e-9;

    @ParameterizedTest(name = "d={0}, se={1}, tau2={2}, alpha={3}")
    @CsvFileSource(resources = "/stats/sequential/mixture_sprt_reference.csv", numLinesToSkip = 1)
    void matchesTheFormulas(double difference, double standardError, double tau2, double alpha,
            double lambda, double p, double low, double high) {
        double variance = standardError * standardError;
        assertRelative(lambda, Math.exp(MixtureSprt.logLikelihoodRatio(difference, variance, tau2)));
        assertRelative(p, MixtureSprt.pValue(difference, variance, tau2));
        Interval cs = MixtureSprt.confidenceSequence(difference, variance, tau2, alpha);
        assertRelative(low, cs.low());
        assertRelative(high, cs.high());
    }

    /** The same rows through {@link MixtureSprt#test}, the difference and the lift each with its own tau^2. */
    @ParameterizedTest(name = "d={0}, se={1}, tau2={2}, alpha={3}")
    @CsvFileSource(resources = "/stats/sequential/mixture_sprt_reference.csv", numLinesToSkip = 1)
    void testAppliesTheFormulasToAnEstimate(double difference, double standardError, double tau2, double alpha,
            double lambda, double p, double low, double high) {
        Estimate estimate = TestEstimates.withDifference(difference, standardError, difference, standardError);
        SequentialResult result = new MixtureSprt(tau2, tau2).test(estimate, alpha);
        assertEquals(TestStatus.OK, result.status());
        assertRelative(p, result.pValue());
        assertRelative(low, result.absoluteInterval().low());
        assertRelative(high, result.absoluteInterval().high());
        assertRelative(low, result.relativeInterval().low());
        assertRelative(high, result.relativeInterval().high());
    }

    static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * TOLERANCE, () -> "expected " + expected);
    }
}
