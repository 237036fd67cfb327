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
        ExperimentRouter first = new ExperimentRouter(Experiments.split("first", "salt-first", 50, 50));
        ExperimentRouter second = new ExperimentRouter(Experiments.split("second", "salt-second", 34, 33, 33));
        long[][] table = new long[2][3];
        for (int i = 0; i < 200_000; i++) {
            String unit = "user-" + i;
            table[index(first.assign(unit, Map.of()).variant())][index(second.assign(unit, Map.of()).variant())]++;
        }
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p > 0.001, "chi-square test of independence p = " + p + " for " + Arrays.deepToString(table));
    }

    /** The same test must reject a dependent pair: one salt used twice. */
    @Test
    void theTestDetectsDependenceWhenTheSaltIsShared() {
        ExperimentRouter first = new ExperimentRouter(Experiments.split("first", "same", 50, 50));
        ExperimentRouter second = new ExperimentRouter(Experiments.split("second", "same", 34, 33, 33));
        long[][] table = new long[2][3];
        for (int i = 0; i < 20_000; i++) {
            String unit = "user-" + i;
            table[index(first.assign(unit, Map.of()).variant())][index(second.assign(unit, Map.of()).variant())]++;
        }
        assertTrue(ChiSquareTest.withDefaults().test(table).getPValue() < 1e-6);
    }

    private static int index(String variant) {
        return variant.equals("control") ? 0 : Integer.parseInt(variant.substring(1));
    }
}
