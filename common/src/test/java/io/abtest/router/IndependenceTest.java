package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Two experiments with different salts over the same 200,000 units: assignments are independent. */
class IndependenceTest {

    @Test
    void twoSaltsAssignIndependently() {
        long[][] table = contingencyTable("salt-first", "salt-second", 200_000);
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p > 0.001, "chi-square test of independence p = " + p + " for " + Arrays.deepToString(table));
    }

    /** The same test must reject a dependent pair: one salt used twice. */
    @Test
    void theTestDetectsDependenceWhenTheSaltIsShared() {
        assertTrue(ChiSquareTest.withDefaults().test(contingencyTable("same", "same", 20_000)).getPValue() < 1e-6);
    }

    /** Units by their variant in a 50/50 experiment (rows) and in a 34/33/33 experiment (columns). */
    private static long[][] contingencyTable(String firstSalt, String secondSalt, int units) {
        ExperimentRouter first = new ExperimentRouter(Experiments.split("first", firstSalt, 50, 50));
        ExperimentRouter second = new ExperimentRouter(Experiments.split("second", secondSalt, 34, 33, 33));
        long[][] table = new long[2][3];
        for (int i = 0; i < units; i++) {
            String unit = "user-" + i;
            table[index(first.assign(unit, Map.of()).variant())][index(second.assign(unit, Map.of()).variant())]++;
        }
        return table;
    }

    private static int index(String variant) {
        return variant.equals("control") ? 0 : Integer.parseInt(variant.substring(1));
    }
}
