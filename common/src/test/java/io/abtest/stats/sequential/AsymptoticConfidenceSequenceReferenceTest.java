package io.abtest.stats.sequential;

import static io.abtest.stats.sequential.MixtureSprtReferenceTest.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * rho^2, the half-width, the confidence sequence and the always-valid p-value of the asymptotic confidence sequence
 * against numpy evaluations of the formulas; the reference p-value is found by scipy's brentq on the half-width
 * (the search the closed form replaces). Tolerance 1e-9 relative.
 */
class AsymptoticConfidenceSequenceReferenceTest {

    @ParameterizedTest(name = "d={0}, se={1}, n={2}, n*={3}, alpha={4}")
    @CsvFileSource(resources = "/stats/sequential/asymptotic_cs_reference.csv", numLinesToSkip = 1)
    void matchesTheFormulas(double difference, double standardError, double n, double nStar, double alpha,
            double rho2, double halfWidth, double low, double high, double p) {
        AsymptoticConfidenceSequence cs = AsymptoticConfidenceSequence.plannedFor((long) nStar, alpha);
        assertRelative(rho2, cs.rhoSquared());
        assertRelative(halfWidth, AsymptoticConfidenceSequence.halfWidth(standardError, n, rho2, alpha));
        assertRelative(p, AsymptoticConfidenceSequence.pValue(difference, standardError, n, rho2));

        long controlN = (long) n / 2;
        Estimate estimate = new Estimate(TestStatus.OK, null, controlN, 1.0, (long) n - controlN, 1.0 + difference,
                difference, standardError, difference, standardError, Double.POSITIVE_INFINITY);
        SequentialResult result = cs.test(estimate, alpha);
        assertEquals(TestStatus.OK, result.status());
        assertRelative(p, result.pValue());
        assertRelative(low, result.absoluteInterval().low());
        assertRelative(high, result.absoluteInterval().high());
        assertRelative(low, result.relativeInterval().low());
        assertRelative(high, result.relativeInterval().high());
    }
}
