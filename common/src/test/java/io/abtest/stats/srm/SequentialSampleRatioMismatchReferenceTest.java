package io.abtest.stats.srm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.stats.TestStatus;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * Log Bayes factors, eq. (2) of {@link SequentialSampleRatioMismatch}, and p-values against 50-digit mpmath 1.4.1
 * evaluations with the shares w_i / sum_j w_j over a grid of 2 to 4 variants, 10 to 10^8 units, expected and
 * mismatched splits and skewed weights ({@code stats/srm/log_bayes_factor_reference.csv}; its header names the
 * script {@code generate_reference.py} beside it, the versions and the calls). Tolerance: the accuracy the class
 * states, |computed log BF_n - log BF_n| &lt;= 2 (c + n) eps with eps = 2^-52, which is also the relative error
 * of the p-value exp(-log BF_n), plus 2 eps for the rounding of the two exponentials.
 */
class SequentialSampleRatioMismatchReferenceTest {

    private static final double EPSILON = Math.ulp(1.0);

    private static double statedLogBayesFactorError(double concentration, long units) {
        return 2 * (concentration + units) * EPSILON;
    }

    private static long[] counts(String joined) {
        return Arrays.stream(joined.split(";")).mapToLong(Long::parseLong).toArray();
    }

    private static double[] weights(String joined) {
        return Arrays.stream(joined.split(";")).mapToDouble(Double::parseDouble).toArray();
    }

    @ParameterizedTest(name = "counts {0}, weights {1}, c = {2}")
    @CsvFileSource(resources = "/stats/srm/log_bayes_factor_reference.csv", numLinesToSkip = 1)
    void logBayesFactorAndPValueWithinTheStatedError(String counts, String weights, double concentration,
            double logBayesFactor, double pValue) {
        long[] observed = counts(counts);
        long units = Arrays.stream(observed).sum();
        SequentialSampleRatioMismatchResult result =
                new SequentialSampleRatioMismatch(concentration, 0.001).test(observed, weights(weights));
        assertEquals(TestStatus.OK, result.status(), result.detail());
        double stated = statedLogBayesFactorError(concentration, units);
        assertEquals(logBayesFactor, result.logBayesFactor(), stated,
                () -> "error " + (result.logBayesFactor() - logBayesFactor) + " > 2 (c + n) eps = " + stated);
        assertEquals(pValue, result.pValue(), pValue * (stated + 2 * EPSILON));
    }
}
