package io.abtest.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.config.Condition;
import io.abtest.config.RampStep;
import io.abtest.config.TargetingRule;
import io.abtest.control.ControlRecord;
import io.abtest.control.ControlState;
import io.abtest.event.ModelResult;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONTRACT.md section 5 with {@code coverage}: only the covered share of units is in the experiment, the others
 * get {@link Assignment.Reason#NOT_IN_EXPERIMENT}; at coverage 1 nothing changes; covered units split uniformly by
 * the weights; coverage is independent of the split and across salts; ramp steps and control records set it.
 */
class CoverageTest {

    private static final int UNITS = 200_000;

    @Test
    void atCoverageOneEveryUnitKeepsItsAssignment() {
        ExperimentRouter plain = new ExperimentRouter(Experiments.split("cov", "salt-cov", 34, 33, 33));
        ExperimentRouter full = new ExperimentRouter(Experiments.covered("cov", "salt-cov", 1.0, 34, 33, 33));
        for (int u = 0; u < 50_000; u++) {
            Assignment a = plain.assign("user-" + u, Map.of());
            Assignment b = full.assign("user-" + u, Map.of());
            assertEquals(a, b, "user-" + u);
            assertEquals(Assignment.Reason.ASSIGNED, b.reason());
        }
    }

    @Test
    void aUnitOutsideTheCoverageIsNotInTheExperimentAndPublishesNothing() {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cov", "salt-cov", 0.1, 50, 50));
        Assignment outside = null;
        for (int u = 0; outside == null; u++) {
            Assignment a = router.assign("user-" + u, Map.of());
            if (a.reason() == Assignment.Reason.NOT_IN_EXPERIMENT) {
                outside = a;
            }
        }
        assertNull(outside.variant());
        assertFalse(outside.inExperiment());
        Assignment notInExperiment = outside;
        assertThrows(IllegalArgumentException.class, () -> router.prediction(
                notInExperiment, "u", "r", Map.of(), ModelResult.ok(1.0, 0.5, null)));
    }

    @Test
    void coverageIsDecidedByTheDocumentedRecipe() {
        UnitHash coverageHash = new UnitHash("salt-cov" + ExperimentRouter.COVERAGE_SALT_SUFFIX);
        UnitHash splitHash = new UnitHash("salt-cov");
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cov", "salt-cov", 0.3, 34, 33, 33));
        ExperimentRouter full = new ExperimentRouter(Experiments.split("cov", "salt-cov", 34, 33, 33));
        for (int u = 0; u < 20_000; u++) {
            String unit = "user-" + u;
            boolean covered = coverageHash.position(unit) < 0.3;
            Assignment a = router.assign(unit, Map.of());
            assertEquals(covered, a.inExperiment(), unit);
            if (covered) {
                assertEquals(full.assign(unit, Map.of()).variant(), a.variant(), unit);
            }
            assertTrue(coverageHash.position(unit) != splitHash.position(unit), unit);
        }
    }

    @Test
    void deterministicAcrossRouterInstances() {
        ExperimentRouter first = new ExperimentRouter(Experiments.covered("cov", "salt-det", 0.25, 10, 30, 30, 30));
        ExperimentRouter second = new ExperimentRouter(Experiments.covered("cov", "salt-det", 0.25, 10, 30, 30, 30));
        for (int u = 0; u < 20_000; u++) {
            assertEquals(first.assign("user-" + u, Map.of()), second.assign("user-" + u, Map.of()), "user-" + u);
            assertEquals(first.assign("user-" + u, Map.of()), first.assign("user-" + u, Map.of()), "user-" + u);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 0.1, 0.5, 0.9})
    void theCoveredShareMatchesTheCoverage(double coverage) {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cov", "salt-share", coverage, 50, 50));
        long covered = 0;
        for (int u = 0; u < UNITS; u++) {
            covered += router.assign("user-" + u, Map.of()).inExperiment() ? 1 : 0;
        }
        double sd = Math.sqrt(UNITS * coverage * (1 - coverage));
        assertEquals(UNITS * coverage, covered, 5 * sd, "covered units at coverage " + coverage);
    }

    /** Uniform within the covered units: chi-square goodness of fit of their variants to the weights. */
    @ParameterizedTest
    @ValueSource(strings = {"0.5:50,50", "0.1:90,10", "0.3:34,33,33", "0.05:10,30,30,30"})
    void coveredUnitsSplitByTheWeights(String spec) {
        double coverage = Double.parseDouble(spec.split(":")[0]);
        double[] weights = Arrays.stream(spec.split(":")[1].split(",")).mapToDouble(Double::parseDouble).toArray();
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cov", "salt-" + spec, coverage, weights));
        long[] observed = new long[weights.length];
        int units = (int) Math.min(2_000_000, 200_000 / coverage);
        for (int i = 0; i < units; i++) {
            Assignment a = router.assign("user-" + i, Map.of());
            if (a.inExperiment()) {
                observed[index(a.variant())]++;
            }
        }
        double total = Arrays.stream(weights).sum();
        double[] expected = Arrays.stream(weights).map(w -> w / total).toArray();
        double p = ChiSquareTest.withDefaults().test(expected, observed).getPValue();
        assertTrue(p > 0.001, "chi-square p = " + p + " for " + Arrays.toString(observed));
    }

    /** Independent of the split: whether a unit is covered says nothing about the variant it would get. */
    @Test
    void coverageIsIndependentOfTheSplit() {
        ExperimentRouter covered = new ExperimentRouter(Experiments.covered("cov", "salt-ind", 0.5, 34, 33, 33));
        ExperimentRouter full = new ExperimentRouter(Experiments.split("cov", "salt-ind", 34, 33, 33));
        long[][] table = new long[2][3];
        for (int u = 0; u < UNITS; u++) {
            String unit = "user-" + u;
            table[covered.assign(unit, Map.of()).inExperiment() ? 1 : 0][index(full.assign(unit, Map.of()).variant())]++;
        }
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p > 0.001, "chi-square p = " + p + " for " + Arrays.deepToString(table));
    }

    /** Independent across experiments: two salts cover independently, and assign independently inside. */
    @Test
    void twoSaltsCoverIndependently() {
        ExperimentRouter a = new ExperimentRouter(Experiments.covered("a", "salt-a", 0.5, 50, 50));
        ExperimentRouter b = new ExperimentRouter(Experiments.covered("b", "salt-b", 0.5, 50, 50));
        long[][] table = new long[3][3];
        for (int u = 0; u < UNITS; u++) {
            table[cell(a.assign("user-" + u, Map.of()))][cell(b.assign("user-" + u, Map.of()))]++;
        }
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p > 0.001, "chi-square p = " + p + " for " + Arrays.deepToString(table));
    }

    /** Raising the coverage adds units to every variant in proportion to the weights. */
    @Test
    void unitsAddedByARaiseSplitByTheWeights() {
        double[] weights = {60, 20, 20};
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cov", "salt-raise", 0.2, weights));
        String[] before = assignAll(router, UNITS);
        assertTrue(router.apply(new ControlRecord("cov", ControlState.RUNNING, Map.of(), 0.6, "raise", Instant.ofEpochSecond(1))));
        String[] after = assignAll(router, UNITS);
        long[] added = new long[3];
        for (int u = 0; u < UNITS; u++) {
            if (before[u] != null) {
                assertEquals(before[u], after[u], "a covered unit changed variant: user-" + u);
            } else if (after[u] != null) {
                added[index(after[u])]++;
            }
        }
        double p = ChiSquareTest.withDefaults().test(new double[] {0.6, 0.2, 0.2}, added).getPValue();
        assertTrue(p > 0.001, "chi-square p = " + p + " for " + Arrays.toString(added));
    }

    @Test
    void aRampStepWithCoverageOnlyKeepsTheWeightsAndViceVersa() {
        AtomicLong now = new AtomicLong(0);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        List<RampStep> steps = List.of(
                new RampStep(Instant.ofEpochMilli(0), Map.of(), 0.1),
                new RampStep(Instant.ofEpochMilli(1000), Map.of(), 0.5),
                new RampStep(Instant.ofEpochMilli(2000), Map.of("control", 50.0, "c1", 50.0)),
                new RampStep(Instant.ofEpochMilli(3000), Map.of("control", 80.0, "c1", 20.0), 1.0));
        ExperimentRouter router = new ExperimentRouter(
                Experiments.config("ramp", "salt-ramp", 0.05, TargetingRule.EVERYONE, steps, 90, 10), clock);
        ExperimentRouter at10 = new ExperimentRouter(Experiments.covered("ramp", "salt-ramp", 0.1, 90, 10));
        ExperimentRouter at50 = new ExperimentRouter(Experiments.covered("ramp", "salt-ramp", 0.5, 90, 10));
        ExperimentRouter at50even = new ExperimentRouter(Experiments.covered("ramp", "salt-ramp", 0.5, 50, 50));
        ExperimentRouter final8020 = new ExperimentRouter(Experiments.split("ramp", "salt-ramp", 80, 20));
        long[] times = {-5, 500, 1500, 2500, 3500};
        ExperimentRouter[] expected = {at10, at10, at50, at50even, final8020};
        for (int t = 0; t < times.length; t++) {
            now.set(times[t]);
            for (int u = 0; u < 5_000; u++) {
                assertEquals(expected[t].assign("user-" + u, Map.of()), router.assign("user-" + u, Map.of()),
                        "user-" + u + " at " + times[t]);
            }
        }
    }

    @Test
    void aControlRecordSetsCoverageWeightsOrBoth() {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("cr", "salt-cr", 0.2, 90, 10));
        ExperimentRouter config = new ExperimentRouter(Experiments.covered("cr", "salt-cr", 0.2, 90, 10));
        ExperimentRouter coverageOnly = new ExperimentRouter(Experiments.covered("cr", "salt-cr", 0.7, 90, 10));
        ExperimentRouter weightsOnly = new ExperimentRouter(Experiments.covered("cr", "salt-cr", 0.2, 50, 50));
        ExperimentRouter both = new ExperimentRouter(Experiments.covered("cr", "salt-cr", 0.7, 50, 50));
        Map<String, Double> even = Map.of("control", 0.5, "c1", 0.5);

        assertTrue(router.apply(new ControlRecord("cr", ControlState.RUNNING, Map.of(), 0.7, null, Instant.ofEpochSecond(1))));
        assertSame(coverageOnly, router);
        assertTrue(router.apply(new ControlRecord("cr", ControlState.RUNNING, even, null, Instant.ofEpochSecond(2))));
        assertSame(weightsOnly, router);
        assertTrue(router.apply(new ControlRecord("cr", ControlState.RUNNING, even, 0.7, null, Instant.ofEpochSecond(3))));
        assertSame(both, router);
        assertTrue(router.apply(new ControlRecord("cr", ControlState.RUNNING, Map.of(), null, Instant.ofEpochSecond(4))));
        assertSame(config, router);
    }

    @Test
    void stoppedKeepsUnitsOutsideTheCoverageOutAndRolledOutServesEveryone() {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("st", "salt-st", 0.3, 50, 50));
        String[] before = assignAll(router, 20_000);
        assertTrue(router.apply(new ControlRecord("st", ControlState.STOPPED, Map.of(), null, Instant.ofEpochSecond(1))));
        for (int u = 0; u < 20_000; u++) {
            Assignment a = router.assign("user-" + u, Map.of());
            assertEquals(before[u] == null ? Assignment.Reason.NOT_IN_EXPERIMENT : Assignment.Reason.STOPPED, a.reason());
        }
        assertTrue(router.apply(new ControlRecord("st", ControlState.ROLLED_OUT, Map.of("c1", 1.0), null, Instant.ofEpochSecond(2))));
        for (int u = 0; u < 20_000; u++) {
            Assignment a = router.assign("user-" + u, Map.of());
            assertEquals(Assignment.Reason.ROLLED_OUT, a.reason());
            assertEquals("c1", a.variant());
        }
    }

    @Test
    void aStoppedRecordWithCoverageStopsThatShare() {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("st", "salt-st", 0.3, 50, 50));
        ExperimentRouter at60 = new ExperimentRouter(Experiments.covered("st", "salt-st", 0.6, 50, 50));
        assertTrue(router.apply(new ControlRecord("st", ControlState.STOPPED, Map.of(), 0.6, null, Instant.ofEpochSecond(1))));
        for (int u = 0; u < 20_000; u++) {
            boolean covered = at60.assign("user-" + u, Map.of()).inExperiment();
            Assignment a = router.assign("user-" + u, Map.of());
            assertEquals(covered ? Assignment.Reason.STOPPED : Assignment.Reason.NOT_IN_EXPERIMENT, a.reason());
            assertEquals(covered ? "control" : null, a.variant());
        }
    }

    @Test
    void aRecordWithCoverageOutsideTheRangeIsRejected() {
        ExperimentRouter router = new ExperimentRouter(Experiments.covered("bad", "salt-bad", 0.2, 90, 10));
        for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
            assertFalse(router.apply(new ControlRecord("bad", ControlState.RUNNING, Map.of(), bad, null, Instant.ofEpochSecond(1))));
        }
        assertTrue(router.lastControlRecord().isEmpty());
    }

    @Test
    void targetingComesBeforeCoverage() {
        TargetingRule onlyUs = new TargetingRule(List.of(new Condition("country", Condition.Operator.IN, Set.of("US"))));
        ExperimentRouter router = new ExperimentRouter(
                Experiments.config("nt", "salt-nt", 0.5, onlyUs, List.of(), 50, 50));
        long outside = 0;
        for (int u = 0; u < 10_000; u++) {
            assertEquals(Assignment.Reason.NOT_TARGETED, router.assign("user-" + u, Map.of("country", "FR")).reason());
            outside += router.assign("user-" + u, Map.of("country", "US")).reason()
                    == Assignment.Reason.NOT_IN_EXPERIMENT ? 1 : 0;
        }
        assertEquals(5_000, outside, 250);
    }

    private static void assertSame(ExperimentRouter expected, ExperimentRouter actual) {
        for (int u = 0; u < 20_000; u++) {
            Assignment e = expected.assign("user-" + u, Map.of());
            Assignment a = actual.assign("user-" + u, Map.of());
            assertEquals(e.variant(), a.variant(), "user-" + u);
            assertEquals(e.reason(), a.reason(), "user-" + u);
        }
    }

    private static String[] assignAll(ExperimentRouter router, int units) {
        String[] variants = new String[units];
        for (int u = 0; u < units; u++) {
            variants[u] = router.assign("user-" + u, Map.of()).variant();
        }
        return variants;
    }

    private static int index(String variant) {
        return variant.equals("control") ? 0 : Integer.parseInt(variant.substring(1));
    }

    private static int cell(Assignment a) {
        return a.inExperiment() ? 1 + index(a.variant()) : 0;
    }
}
