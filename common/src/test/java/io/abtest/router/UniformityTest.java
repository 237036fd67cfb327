package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 200,000 units split as configured: chi-square goodness of fit p > 0.001 and every share within 0.5 points. */
class UniformityTest {

    private static final int UNITS = 200_000;

    @ParameterizedTest
    @ValueSource(strings = {"50,50", "90,10", "34,33,33", "10,30,30,30"})
    void observedSharesMatchTheWeights(String weightList) {
        double[] weights = Arrays.stream(weightList.split(",")).mapToDouble(Double::parseDouble).toArray();
        ExperimentRouter router = new ExperimentRouter(Experiments.split("uniform", "salt-" + weightList, weights));
        long[] observed = new long[weights.length];
        for (int i = 0; i < UNITS; i++) {
            String variant = router.assign("user-" + i, Map.of()).variant();
            observed[variant.equals("control") ? 0 : Integer.parseInt(variant.substring(1))]++;
        }
        double total = Arrays.stream(weights).sum();
        double[] expected = Arrays.stream(weights).map(w -> w / total).toArray();
        double p = ChiSquareTest.withDefaults().test(expected, observed).getPValue();
        assertTrue(p > 0.001, "chi-square p = " + p + " for " + Arrays.toString(observed));
        for (int v = 0; v < weights.length; v++) {
            assertEquals(expected[v], observed[v] / (double) UNITS, 0.005, "share of variant " + v);
        }
    }
}
