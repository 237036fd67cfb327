package io.abtest.stats.srm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

/**
 * Error rates of both SRM checks by simulation, with fixed seeds. Unit counts are drawn by inverting the binomial
 * distribution function (Commons Statistics) at uniforms from {@link SplittableRandom}; a batch of b units with
 * the first variant's share q is Binomial(b, q). Tolerances are stated at each assertion as multiples of the
 * Monte Carlo standard error sqrt(r (1 - r) / runs).
 */
class SampleRatioMismatchSimulationTest {

    private static final double[] EQUAL = {1, 1};

    private static long draw(BinomialDistribution batch, SplittableRandom random) {
        return batch.inverseCumulativeProbability(random.nextDouble());
    }

    private static double standardError(double rate, int runs) {
        return Math.sqrt(rate * (1 - rate) / runs);
    }

    /** A/A: 200,000 experiments of 10,000 units split 50/50, each checked once at p &lt; 0.001. */
    @Test
    void fixedCheckFalseAlarmRateIsTheThreshold() {
        int runs = 200_000;
        BinomialDistribution units = BinomialDistribution.of(10_000, 0.5);
        SplittableRandom random = new SplittableRandom(11L);
        SampleRatioMismatch srm = SampleRatioMismatch.withDefaults();
        int flagged = 0;
        for (int run = 0; run < runs; run++) {
            long first = draw(units, random);
            if (srm.test(new long[] {first, 10_000 - first}, EQUAL).mismatch()) {
                flagged++;
            }
        }
        double rate = (double) flagged / runs;
        System.out.printf("fixed SRM check, A/A 50/50, 10,000 units, %d runs: false alarm rate %.5f at p < 0.001%n",
                runs, rate);
        double band = 4 * standardError(0.001, runs);
        assertTrue(Math.abs(rate - 0.001) <= band, "rate " + rate + " outside 0.001 +- " + band);
    }

    /** A/A with three variants 40/40/20: 100,000 experiments of 5,000 units, each checked once at p &lt; 0.001. */
    @Test
    void fixedCheckFalseAlarmRateWithThreeVariants() {
        int runs = 100_000;
        int n = 5_000;
        BinomialDistribution first = BinomialDistribution.of(n, 0.4);
        SplittableRandom random = new SplittableRandom(12L);
        SampleRatioMismatch srm = SampleRatioMismatch.withDefaults();
        int flagged = 0;
        for (int run = 0; run < runs; run++) {
            long x1 = draw(first, random);
            long x2 = draw(BinomialDistribution.of((int) (n - x1), 0.4 / 0.6), random);
            if (srm.test(new long[] {x1, x2, n - x1 - x2}, new double[] {40, 40, 20}).mismatch()) {
                flagged++;
            }
        }
        double rate = (double) flagged / runs;
        System.out.printf("fixed SRM check, A/A 40/40/20, 5,000 units, %d runs: false alarm rate %.5f at p < 0.001%n",
                runs, rate);
        double band = 4 * standardError(0.001, runs);
        assertTrue(Math.abs(rate - 0.001) <= band, "rate " + rate + " outside 0.001 +- " + band);
    }

    /**
     * A/A with peeking: 1,000 experiments, a look after every 500 units up to 100,000 (200 looks). The sequential
     * check (default c = 10,000) flags at ANY look at most 0.05 + 3 SE of the time; the fixed chi-square check
     * under the same peeking flags far more often than its nominal 0.05.
     */
    @Test
    void sequentialCheckKeepsItsFalseAlarmRateUnderPeeking() {
        int runs = 1_000;
        int batch = 500;
        int looks = 200;
        BinomialDistribution units = BinomialDistribution.of(batch, 0.5);
        SplittableRandom random = new SplittableRandom(13L);
        SequentialSampleRatioMismatch sequential = new SequentialSampleRatioMismatch(
                SequentialSampleRatioMismatch.DEFAULT_CONCENTRATION, 0.05);
        SampleRatioMismatch naive = new SampleRatioMismatch(0.05);
        int sequentialFlagged = 0;
        int sequentialFlaggedAtDefault = 0;
        int naiveFlagged = 0;
        for (int run = 0; run < runs; run++) {
            long[] counts = new long[2];
            SequentialSampleRatioMismatchResult previous = null;
            boolean naiveFlag = false;
            for (int look = 0; look < looks; look++) {
                long first = draw(units, random);
                counts[0] += first;
                counts[1] += batch - first;
                previous = sequential.test(counts.clone(), EQUAL, previous);
                naiveFlag |= naive.test(counts, EQUAL).mismatch();
            }
            sequentialFlagged += previous.mismatch() ? 1 : 0;
            sequentialFlaggedAtDefault += previous.runningMinimumPValue() < 0.001 ? 1 : 0;
            naiveFlagged += naiveFlag ? 1 : 0;
        }
        double sequentialRate = (double) sequentialFlagged / runs;
        double naiveRate = (double) naiveFlagged / runs;
        System.out.printf("A/A 50/50, look every 500 units up to 100,000, %d runs: sequential flags at any look "
                        + "%.4f at 0.05 (%.4f at 0.001); fixed chi-square at every look %.4f at 0.05%n",
                runs, sequentialRate, (double) sequentialFlaggedAtDefault / runs, naiveRate);
        double bound = 0.05 + 3 * standardError(0.05, runs);
        assertTrue(sequentialRate <= bound, "sequential rate " + sequentialRate + " above " + bound);
        assertTrue(naiveRate > 0.15, "peeking at the fixed test should inflate its rate well above 0.05: " + naiveRate);
    }

    /**
     * A real mismatch: 50.5/49.5 against a configured 50/50, 200,000 units, 500 experiments. The fixed check at the
     * end (p &lt; 0.001; normal approximation: P(|Z + 4.47| &gt; 3.29) = 0.88) and the sequential check looked at
     * after every 500 units (two-variant approximation: about 0.95 at 0.05, 0.6 to 0.7 at 0.001) flag most
     * experiments.
     */
    @Test
    void bothChecksFlagAHalfPointMismatch() {
        int runs = 500;
        int batch = 500;
        int looks = 400;
        BinomialDistribution units = BinomialDistribution.of(batch, 0.505);
        SplittableRandom random = new SplittableRandom(14L);
        SampleRatioMismatch fixed = SampleRatioMismatch.withDefaults();
        SequentialSampleRatioMismatch sequential = SequentialSampleRatioMismatch.withDefaults();
        int fixedFlagged = 0;
        int sequentialFlagged = 0;
        int sequentialFlaggedAtFivePercent = 0;
        for (int run = 0; run < runs; run++) {
            long[] counts = new long[2];
            SequentialSampleRatioMismatchResult previous = null;
            for (int look = 0; look < looks; look++) {
                long first = draw(units, random);
                counts[0] += first;
                counts[1] += batch - first;
                previous = sequential.test(counts.clone(), EQUAL, previous);
            }
            fixedFlagged += fixed.test(counts, EQUAL).mismatch() ? 1 : 0;
            sequentialFlagged += previous.mismatch() ? 1 : 0;
            sequentialFlaggedAtFivePercent += previous.runningMinimumPValue() < 0.05 ? 1 : 0;
        }
        double fixedRate = (double) fixedFlagged / runs;
        double sequentialRate = (double) sequentialFlagged / runs;
        double sequentialRateAtFivePercent = (double) sequentialFlaggedAtFivePercent / runs;
        System.out.printf("50.5/49.5 vs 50/50, 200,000 units, %d runs: fixed check at the end flags %.3f at 0.001; "
                        + "sequential (look every 500 units) flags %.3f at 0.001, %.3f at 0.05%n",
                runs, fixedRate, sequentialRate, sequentialRateAtFivePercent);
        assertTrue(fixedRate > 0.8, "fixed power " + fixedRate);
        assertTrue(sequentialRate > 0.5, "sequential power at 0.001 " + sequentialRate);
        assertTrue(sequentialRateAtFivePercent > 0.85, "sequential power at 0.05 " + sequentialRateAtFivePercent);
    }
}
