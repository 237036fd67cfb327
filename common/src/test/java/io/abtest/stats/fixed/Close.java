package io.abtest.stats.fixed;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Relative-tolerance assertions; a null expected value means the field must be null. */
final class Close {

    /** Closed forms (normal quantiles and tails, algebra): 1e-9 relative. */
    static final double CLOSED_FORM = 1e-9;
    /** Student t tails and quantiles: 1e-7 relative. */
    static final double T_TAIL = 1e-7;

    private Close() {}

    /** Every field that claims a number holds a finite one (null is allowed; NaN and infinity are not). */
    static void assertNoNaN(FixedHorizonResult r) {
        Estimate e = r.estimate();
        Double[] numbers = {e.controlMean(), e.treatmentMean(), e.difference(), e.differenceStandardError(),
                e.relative(), e.relativeStandardError(), r.statistic(), r.pValue()};
        for (Double v : numbers) {
            if (v != null && !Double.isFinite(v)) {
                fail("non-finite number in " + r);
            }
        }
        if (Double.isNaN(e.degreesOfFreedom())) {
            fail("NaN degrees of freedom in " + r);
        }
        for (Interval i : new Interval[] {r.absoluteInterval(), r.relativeInterval()}) {
            if (i != null && (Double.isNaN(i.low()) || Double.isNaN(i.high()))) {
                fail("NaN interval bound in " + r);
            }
        }
        if (r.status() != TestStatus.OK && r.detail() == null) {
            fail("status " + r.status() + " without a detail: " + r);
        }
    }

    static void assertClose(Double expected, Double actual, double relativeTolerance, String what) {
        if (expected == null) {
            assertNull(actual, what + " must be null");
            return;
        }
        assertNotNull(actual, what + " is null, expected " + expected);
        double e = expected;
        double a = actual;
        if (e == a) {
            return;
        }
        double error = Math.abs(a - e) / Math.abs(e);
        if (!(error <= relativeTolerance)) {
            fail(what + ": expected " + e + ", was " + a + " (relative error " + error + " > " + relativeTolerance
                    + ")");
        }
    }
}
