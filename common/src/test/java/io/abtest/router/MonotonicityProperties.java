package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * CONTRACT.md section 5, "monotone": for random weight changes (through control records, as a ramp does),
 * no unit moves between two challengers, and undoing a change puts every unit back where it was.
 */
class MonotonicityProperties {

    private static final int UNITS = 3_000;

    record Change(int challengers, double[] before, double[] after, int raised) {}

    @Property(tries = 200)
    void noUnitMovesBetweenTwoChallengers(@ForAll("weightChanges") Change change) {
        ExperimentRouter router = new ExperimentRouter(Experiments.split("mono", "salt-mono", change.before()));
        String[] before = assignAll(router);
        apply(router, change.after(), 1);
        String[] after = assignAll(router);
        for (int u = 0; u < UNITS; u++) {
            if (!before[u].equals(after[u])) {
                assertTrue(before[u].equals("control") || after[u].equals("control"),
                        "unit-" + u + " moved from " + before[u] + " to " + after[u]);
            }
        }
    }

    @Property(tries = 200)
    void raisingOneChallengerOnlyTakesUnitsFromTheControl(@ForAll("weightChanges") Change change) {
        double[] raised = change.before().clone();
        int target = change.raised();
        double cap = 1.0 / change.challengers();
        double headroom = Math.min(cap - raised[target], raised[0]);
        raised[target] += headroom / 2;
        raised[0] -= headroom / 2;
        ExperimentRouter router = new ExperimentRouter(Experiments.split("mono", "salt-mono", change.before()));
        String[] before = assignAll(router);
        apply(router, raised, 1);
        String[] after = assignAll(router);
        String targetName = Experiments.variantName(target);
        for (int u = 0; u < UNITS; u++) {
            if (!before[u].equals(after[u])) {
                assertEquals("control", before[u], "unit-" + u);
                assertEquals(targetName, after[u], "unit-" + u);
            }
        }
    }

    @Property(tries = 200)
    void undoingAChangeMovesEveryUnitBack(@ForAll("weightChanges") Change change) {
        ExperimentRouter router = new ExperimentRouter(Experiments.split("mono", "salt-mono", change.before()));
        apply(router, change.before(), 1);
        String[] original = assignAll(router);
        apply(router, change.after(), 2);
        apply(router, change.before(), 3);
        String[] restored = assignAll(router);
        for (int u = 0; u < UNITS; u++) {
            assertEquals(original[u], restored[u], "unit-" + u);
        }
    }

    @Provide
    Arbitrary<Change> weightChanges() {
        return Arbitraries.integers().between(1, 4).flatMap(k ->
                Combinators.combine(shares(k), shares(k), Arbitraries.integers().between(1, k))
                        .as((a, b, raised) -> new Change(k, a, b, raised)));
    }

    /** Weights (shares) for control + k challengers, each challenger within its lane of 1/k. */
    private static Arbitrary<double[]> shares(int k) {
        return Arbitraries.doubles().between(0, 1).list().ofSize(k).map(fractions -> {
            double[] weights = new double[k + 1];
            double challengers = 0;
            for (int j = 0; j < k; j++) {
                weights[j + 1] = fractions.get(j) / k;
                challengers += weights[j + 1];
            }
            weights[0] = Math.max(1 - challengers, 0);
            if (challengers == 0 && weights[0] == 0) {
                weights[0] = 1;
            }
            return weights;
        });
    }

    private static void apply(ExperimentRouter router, double[] weights, int second) {
        Map<String, Double> byName = new HashMap<>();
        for (int i = 0; i < weights.length; i++) {
            byName.put(Experiments.variantName(i), weights[i]);
        }
        boolean applied = router.apply(new ControlRecord(
                "mono", ControlState.RUNNING, byName, "test", Instant.ofEpochSecond(second)));
        assertTrue(applied, "control record with weights " + Arrays.toString(weights) + " was not applied");
    }

    private static String[] assignAll(ExperimentRouter router) {
        String[] variants = new String[UNITS];
        for (int u = 0; u < UNITS; u++) {
            variants[u] = router.assign("unit-" + u, Map.of()).variant();
        }
        return variants;
    }
}
