package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CONTRACT.md section 5, "monotone" for coverage: for random weights and coverages, raising the coverage (through
 * a control record, as a ramp does) only adds units that were outside, no unit inside changes variant, and lowering
 * it again removes exactly the units the raise added.
 */
class CoverageMonotonicityProperties {

    private static final int UNITS = 3_000;

    record Raise(double[] weights, double low, double high) {}

    @Property(tries = 200)
    void raisingTheCoverageOnlyAddsUnits(@ForAll("raises") Raise raise) {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("mono", "salt-cov-mono", raise.low(), raise.weights()));
        String[] before = assignAll(router);
        apply(router, raise.high(), 1);
        String[] after = assignAll(router);
        for (int u = 0; u < UNITS; u++) {
            if (before[u] != null) {
                assertEquals(before[u], after[u], "unit-" + u + " was inside and changed variant");
            }
        }
    }

    @Property(tries = 200)
    void loweringTheCoverageRemovesExactlyTheUnitsTheRaiseAdded(@ForAll("raises") Raise raise) {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("mono", "salt-cov-mono", raise.low(), raise.weights()));
        String[] low = assignAll(router);
        apply(router, raise.high(), 1);
        String[] high = assignAll(router);
        apply(router, raise.low(), 2);
        String[] lowered = assignAll(router);
        for (int u = 0; u < UNITS; u++) {
            assertEquals(low[u], lowered[u], "unit-" + u);
            if (low[u] == null && high[u] != null) {
                assertEquals(null, lowered[u], "unit-" + u + " was added by the raise and stayed");
            }
        }
    }

    @Property(tries = 100)
    void theCoveredSetsAreNested(@ForAll("raises") Raise raise) {
        ExperimentRouter low = new ExperimentRouter(Experiments.covered("mono", "salt-cov-mono", raise.low(), raise.weights()));
        ExperimentRouter high = new ExperimentRouter(Experiments.covered("mono", "salt-cov-mono", raise.high(), raise.weights()));
        ExperimentRouter full = new ExperimentRouter(Experiments.split("mono", "salt-cov-mono", raise.weights()));
        for (int u = 0; u < UNITS; u++) {
            Assignment l = low.assign("unit-" + u, Map.of());
            Assignment h = high.assign("unit-" + u, Map.of());
            if (l.inExperiment()) {
                assertTrue(h.inExperiment(), "unit-" + u);
            }
            if (h.inExperiment()) {
                assertNotNull(h.variant());
                assertEquals(full.assign("unit-" + u, Map.of()).variant(), h.variant(), "unit-" + u);
            }
        }
    }

    @Provide
    Arbitrary<Raise> raises() {
        Arbitrary<double[]> weights = Arbitraries.integers().between(1, 3).flatMap(k ->
                Arbitraries.doubles().between(0.01, 1).ofScale(4).list().ofSize(k).map(fractions -> {
                    double[] w = new double[k + 1];
                    double challengers = 0;
                    for (int j = 0; j < k; j++) {
                        w[j + 1] = fractions.get(j) / (k + 1);
                        challengers += w[j + 1];
                    }
                    w[0] = 1 - challengers;
                    return w;
                }));
        Arbitrary<Double> coverage = Arbitraries.doubles().between(0.001, 1.0).ofScale(6);
        return Combinators.combine(weights, coverage, coverage)
                .as((w, a, b) -> new Raise(w, Math.min(a, b), Math.max(a, b)));
    }

    private static void apply(ExperimentRouter router, double coverage, int second) {
        boolean applied = router.apply(new ControlRecord(
                "mono", ControlState.RUNNING, Map.of(), coverage, "test", Instant.ofEpochSecond(second)));
        assertTrue(applied, "control record with coverage " + coverage + " was not applied");
    }

    private static String[] assignAll(ExperimentRouter router) {
        String[] variants = new String[UNITS];
        for (int u = 0; u < UNITS; u++) {
            variants[u] = router.assign("unit-" + u, Map.of()).variant();
        }
        return variants;
    }
}
