package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on relative error, the way the reference values are pinned. */
final class Close {

    /** Closed forms and their inverses by bisection. */
    static final double CLOSED_FORM = 1e-9;
    /** Anything through a Student t quantile or tail. */
    static final double T_TAIL = 1e-7;

    private Close() {
    }

    static void relative(double expected, double actual, double tolerance) {
        relative(expected, actual, tolerance, "");
    }

    static void relative(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(error <= tolerance, () -> what + " expected " + expected + " but was " + actual
                + " (relative error " + error + " > " + tolerance + ")");
    }
}
