package io.abtest.stats.sequential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * The p-values and the confidence sequences are the same test read two ways: p &lt;= alpha exactly when the level-alpha
 * sequence excludes 0, and at alpha = p the sequence's nearer end is 0. And the asymptotic confidence sequence is the
 * mixture SPRT's with tau^2 = rho^2 n SE^2 (the identity {@link AsymptoticConfidenceSequence} documents).
 */
class AlwaysValidDualityTest {

    @Property(tries = 300)
    void mixtureSprtSequenceEndsAtZeroAtLevelP(
            @ForAll @DoubleRange(min = -0.05, max = 0.05) @Scale(8) double difference,
            @ForAll @DoubleRange(min = 1e-4, max = 0.02) @Scale(8) double standardError,
            @ForAll @DoubleRange(min = 1e-6, max = 1e-2) @Scale(10) double tau2) {
        double variance = standardError * standardError;
        double p = MixtureSprt.pValue(difference, variance, tau2);
        if (p < 1 && p > 1e-300) {
            Interval cs = MixtureSprt.confidenceSequence(difference, variance, tau2, p);
            double nearerEnd = difference > 0 ? cs.low() : cs.high();
            assertEquals(0, nearerEnd, 1e-9 * Math.abs(difference));
        }
        for (double alpha : new double[] {0.01, 0.05, 0.1}) {
            assertEquals(p <= alpha, MixtureSprt.confidenceSequence(difference, variance, tau2, alpha).excludes(0),
                    () -> "p=" + p);
        }
    }

    @Property(tries = 300)
    void asymptoticSequenceEndsAtZeroAtLevelP(
            @ForAll @DoubleRange(min = -0.05, max = 0.05) @Scale(8) double difference,
            @ForAll @DoubleRange(min = 1e-4, max = 0.02) @Scale(8) double standardError,
            @ForAll @LongRange(min = 4, max = 10_000_000) long n,
            @ForAll @LongRange(min = 100, max = 1_000_000) long plannedN) {
        double rho2 = AsymptoticConfidenceSequence.plannedFor(plannedN, 0.05).rhoSquared();
        double p = AsymptoticConfidenceSequence.pValue(difference, standardError, n, rho2);
        if (p < 1 && p > 1e-300) {
            Interval cs = AsymptoticConfidenceSequence.confidenceSequence(difference, standardError, n, rho2, p);
            double nearerEnd = difference > 0 ? cs.low() : cs.high();
            assertEquals(0, nearerEnd, 1e-9 * Math.abs(difference));
        }
        for (double alpha : new double[] {0.01, 0.05, 0.1}) {
            boolean excludes = AsymptoticConfidenceSequence.confidenceSequence(difference, standardError, n, rho2, alpha)
                    .excludes(0);
            assertEquals(p <= alpha, excludes, () -> "p=" + p);
        }
    }

    @Property(tries = 200)
    void asymptoticSequenceIsTheMixtureSprtWithStandardisedMixingVariance(
            @ForAll @DoubleRange(min = -0.05, max = 0.05) @Scale(8) double difference,
            @ForAll @DoubleRange(min = 1e-4, max = 0.02) @Scale(8) double standardError,
            @ForAll @LongRange(min = 4, max = 10_000_000) long n,
            @ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(6) double alpha) {
        double rho2 = AsymptoticConfidenceSequence.plannedFor(20_000, 0.05).rhoSquared();
        double variance = standardError * standardError;
        double tau2 = rho2 * n * variance;
        assertEquals(MixtureSprt.pValue(difference, variance, tau2),
                AsymptoticConfidenceSequence.pValue(difference, standardError, n, rho2), 1e-12);
        assertEquals(MixtureSprt.confidenceSequence(difference, variance, tau2, alpha).high(),
                AsymptoticConfidenceSequence.confidenceSequence(difference, standardError, n, rho2, alpha).high(),
                1e-12 * (Math.abs(difference) + standardError));
    }

    @Property(tries = 100)
    void theRunningMinimumNeverIncreasesAndKeepsTheSmallest(
            @ForAll @DoubleRange(min = 0, max = 1) double first,
            @ForAll @DoubleRange(min = 0, max = 1) double second,
            @ForAll @DoubleRange(min = 0, max = 1) double third) {
        AlwaysValidPValue monitor = AlwaysValidPValue.NONE_YET;
        for (double p : new double[] {first, second, third}) {
            AlwaysValidPValue next = monitor.observe(new SequentialResult(TestStatus.OK, null, p,
                    new Interval(-1, 1), null));
            assertTrue(next.value() <= monitor.value());
            monitor = next;
        }
        assertEquals(Math.min(first, Math.min(second, third)), monitor.value());
        assertEquals(monitor, monitor.observe(new SequentialResult(TestStatus.ZERO_VARIANCE,
                "no variation", null, null, null)));
        assertEquals(0.2, AlwaysValidPValue.runningMinimum(0.2, 0.3));
        assertEquals(0.1, AlwaysValidPValue.runningMinimum(0.2, 0.1));
    }
}
