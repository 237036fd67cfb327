package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.stats.Estimate;
import io.abtest.stats.TestStatus;
import io.abtest.stats.summary.SufficientStatistics;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input neither test can use gives a result with a status and a detail in words, and null (never NaN) numbers: no
 * exception. Each case runs against both always-valid tests.
 */
class SequentialBadInputTest {

    private static final MixtureSprt SPRT = new MixtureSprt(1e-4, 0.01);
    private static final AsymptoticConfidenceSequence ASYMPTOTIC = AsymptoticConfidenceSequence.plannedFor(20_000, 0.05);

    static Stream<Arguments> badInput() {
        Estimate ok = TestEstimates.withDifference(0.01, 0.004, 0.1, 0.04);
        return Stream.of(
                Arguments.of("no estimate", null, 0.05, TestStatus.INVALID_INPUT),
                Arguments.of("estimate not OK", TestEstimates.of(SufficientStatistics.ofUnit(1),
                        SufficientStatistics.ofUnit(0)), 0.05, TestStatus.NOT_ENOUGH_DATA),
                Arguments.of("estimate with zero variance", new Estimate(TestStatus.ZERO_VARIANCE, "all converted",
                        10, 1.0, 10, 1.0, null, null, null, null, Double.POSITIVE_INFINITY), 0.05,
                        TestStatus.ZERO_VARIANCE),
                Arguments.of("status null", new Estimate(null, null, 10, 1.0, 10, 1.0, 0.0, 0.1, 0.0, 0.1, 18), 0.05,
                        TestStatus.INVALID_INPUT),
                Arguments.of("null SE", with(ok, null), 0.05, TestStatus.INVALID_INPUT),
                Arguments.of("NaN SE", with(ok, Double.NaN), 0.05, TestStatus.INVALID_INPUT),
                Arguments.of("infinite SE", with(ok, Double.POSITIVE_INFINITY), 0.05, TestStatus.INVALID_INPUT),
                Arguments.of("negative SE", with(ok, -0.004), 0.05, TestStatus.INVALID_INPUT),
                Arguments.of("zero SE", with(ok, 0.0), 0.05, TestStatus.ZERO_VARIANCE),
                Arguments.of("NaN difference", TestEstimates.withDifference(Double.NaN, 0.004, null, null), 0.05,
                        TestStatus.INVALID_INPUT),
                Arguments.of("alpha 0", ok, 0.0, TestStatus.INVALID_INPUT),
                Arguments.of("alpha 1", ok, 1.0, TestStatus.INVALID_INPUT),
                Arguments.of("alpha negative", ok, -0.05, TestStatus.INVALID_INPUT),
                Arguments.of("alpha NaN", ok, Double.NaN, TestStatus.INVALID_INPUT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void mixtureSprtReportsAStatus(String name, Estimate estimate, double alpha, TestStatus expected) {
        assertRejected(SPRT.test(estimate, alpha), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void asymptoticConfidenceSequenceReportsAStatus(String name, Estimate estimate, double alpha,
            TestStatus expected) {
        assertRejected(ASYMPTOTIC.test(estimate, alpha), expected);
    }

    static Stream<Arguments> badTuning() {
        return Stream.of(
                Arguments.of("mixing variance 0", (BiFunction<Estimate, Double, SequentialResult>)
                        (e, a) -> new MixtureSprt(0, 0.01).test(e, a)),
                Arguments.of("mixing variance NaN", (BiFunction<Estimate, Double, SequentialResult>)
                        (e, a) -> new MixtureSprt(Double.NaN, 0.01).test(e, a)),
                Arguments.of("rho^2 negative", (BiFunction<Estimate, Double, SequentialResult>)
                        (e, a) -> new AsymptoticConfidenceSequence(-1).test(e, a)),
                Arguments.of("rho^2 infinite", (BiFunction<Estimate, Double, SequentialResult>)
                        (e, a) -> new AsymptoticConfidenceSequence(Double.POSITIVE_INFINITY).test(e, a)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTuning")
    void badTuningIsInvalidInput(String name, BiFunction<Estimate, Double, SequentialResult> test) {
        assertRejected(test.apply(TestEstimates.withDifference(0.01, 0.004, 0.1, 0.04), 0.05),
                TestStatus.INVALID_INPUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("liftWithoutStandardError")
    void aLiftWithoutStandardErrorLeavesOnlyItsIntervalNull(String name, Estimate estimate) {
        for (SequentialResult result : new SequentialResult[] {SPRT.test(estimate, 0.05),
                ASYMPTOTIC.test(estimate, 0.05), new MixtureSprt(1e-4, 0).test(estimate, 0.05)}) {
            assertEquals(TestStatus.OK, result.status());
            assertNotNull(result.pValue());
            assertTrue(Double.isFinite(result.absoluteInterval().low()));
            assertNull(result.relativeInterval());
        }
        assertNull(new MixtureSprt(1e-4, 0).test(TestEstimates.withDifference(0.01, 0.004, 0.1, 0.04), 0.05)
                .relativeInterval(), "a lift without mixing variance has no sequence");
    }

    static Stream<Arguments> liftWithoutStandardError() {
        return Stream.of(
                Arguments.of("zero control mean", TestEstimates.withDifference(0.01, 0.004, null, null)),
                Arguments.of("NaN lift SE", TestEstimates.withDifference(0.01, 0.004, 0.1, Double.NaN)),
                Arguments.of("zero lift SE", TestEstimates.withDifference(0.01, 0.004, 0.1, 0.0)));
    }

    private static Estimate with(Estimate e, Double standardError) {
        return new Estimate(e.status(), e.detail(), e.controlN(), e.controlMean(), e.treatmentN(), e.treatmentMean(),
                e.difference(), standardError, e.relative(), e.relativeStandardError(), e.degreesOfFreedom());
    }

    private static void assertRejected(SequentialResult result, TestStatus expected) {
        assertEquals(expected, result.status(), result.detail());
        assertNotNull(result.detail());
        assertTrue(!result.detail().isBlank());
        assertNull(result.pValue());
        assertNull(result.absoluteInterval());
        assertNull(result.relativeInterval());
    }
}
