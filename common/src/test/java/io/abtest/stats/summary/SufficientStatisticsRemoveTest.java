package io.abtest.stats.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SufficientStatistics#remove} undoes {@link SufficientStatistics#merge}: replacing units' values as they change. */
class SufficientStatisticsRemoveTest {

    private static void assertClose(SufficientStatistics expected, SufficientStatistics actual) {
        assertEquals(expected.n(), actual.n());
        double[] e = {expected.meanY(), expected.meanD(), expected.meanC(), expected.cYY(), expected.cDD(), expected.cCC(),
            expected.cYD(), expected.cYC(), expected.cDC()};
        double[] a = {actual.meanY(), actual.meanD(), actual.meanC(), actual.cYY(), actual.cDD(), actual.cCC(),
            actual.cYD(), actual.cYC(), actual.cDC()};
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-9 * Math.max(1, Math.abs(e[i])), "field " + i);
        }
    }

    @Test
    void replacingEveryUnitsValueOneAtATimeEqualsSummarisingTheNewValues() {
        SplittableRandom random = new SplittableRandom(7);
        int units = 5_000;
        double[][] before = new double[units][];
        double[][] after = new double[units][];
        SufficientStatistics running = SufficientStatistics.EMPTY;
        SufficientStatistics expected = SufficientStatistics.EMPTY;
        for (int u = 0; u < units; u++) {
            before[u] = new double[] {random.nextDouble() * 10, 1 + random.nextInt(5), random.nextGaussian()};
            after[u] = new double[] {before[u][0] + random.nextDouble() * 3, before[u][1] + random.nextInt(3), before[u][2]};
            running = running.merge(SufficientStatistics.ofUnit(before[u][0], before[u][1], before[u][2]));
            expected = expected.merge(SufficientStatistics.ofUnit(after[u][0], after[u][1], after[u][2]));
        }
        for (int u = 0; u < units; u++) {
            running = running.remove(SufficientStatistics.ofUnit(before[u][0], before[u][1], before[u][2]))
                    .merge(SufficientStatistics.ofUnit(after[u][0], after[u][1], after[u][2]));
        }
        assertClose(expected, running);
    }

    @Test
    void removingAMergedPartGivesTheOtherPart() {
        SufficientStatistics a = SufficientStatistics.ofUnit(1, 2, 3).add(4, 1, 0).add(7, 3, 1);
        SufficientStatistics b = SufficientStatistics.ofUnit(10, 1, 2).add(-2, 2, 2);
        assertClose(a, a.merge(b).remove(b));
        assertClose(b, a.merge(b).remove(a));
        assertEquals(SufficientStatistics.EMPTY, a.remove(a));
        assertEquals(a, a.remove(SufficientStatistics.EMPTY));
    }
}
