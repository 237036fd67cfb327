package io.abtest.stats.fixed;

import static io.abtest.stats.fixed.Close.CLOSED_FORM;
import static io.abtest.stats.fixed.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RelativeLiftTest {

    @Test
    void deltaMethodVariance() {
        RelativeLift lift = RelativeLift.of(2.0, 0.01, 2.5, 0.04);
        assertClose(0.25, lift.relative(), CLOSED_FORM, "lift");
        // Var = 0.04 / 4 + 6.25 * 0.01 / 16 = 0.01390625
        assertClose(Math.sqrt(0.01390625), lift.standardError(), CLOSED_FORM, "se");
    }

    @Test
    void covarianceOfTheTwoMeans() {
        RelativeLift lift = RelativeLift.of(2.0, 0.01, 2.5, 0.04, 0.005);
        // Var = 0.01390625 - 2 * 2.5 * 0.005 / 8 = 0.01078125
        assertClose(Math.sqrt(0.01078125), lift.standardError(), CLOSED_FORM, "se");
    }

    @Test
    void tinyLiftOnAHugeMeanIsNotLostToRounding() {
        RelativeLift lift = RelativeLift.of(1e9, 0, 1e9 + 1, 0);
        assertClose(1e-9, lift.relative(), CLOSED_FORM, "lift");
    }

    @Test
    void controlMeanZeroGivesNullsNotNaN() {
        RelativeLift lift = RelativeLift.of(0, 0.1, 0.3, 0.1);
        assertNull(lift.relative());
        assertNull(lift.standardError());
    }

    @Test
    void tinyMeansAndVariancesKeepTheirStandardError() {
        RelativeLift lift = RelativeLift.of(1e-300, 1e-310, 2e-300, 1e-310);
        assertClose(1.0, lift.relative(), CLOSED_FORM, "lift");
        // sqrt(1e-310 + 2^2 * 1e-310) / 1e-300, the same formula at a scale where nothing underflows
        assertClose(Math.sqrt(5e-310) / 1e-300, lift.standardError(), CLOSED_FORM, "se");
    }

    /** The lift is scale-free: means times k and variances times k^2 give the same lift and standard error. */
    @Test
    void liftAndStandardErrorDoNotDependOnTheScaleOfTheMetric() {
        RelativeLift reference = RelativeLift.of(2.0, 0.01, 2.5, 0.04);
        for (double k : new double[] {1e-140, 1e-100, 1e-30, 1e30, 1e100, 1e150}) {
            RelativeLift scaled = RelativeLift.of(2.0 * k, 0.01 * k * k, 2.5 * k, 0.04 * k * k);
            assertClose(reference.relative(), scaled.relative(), CLOSED_FORM, "lift at scale " + k);
            assertClose(reference.standardError(), scaled.standardError(), CLOSED_FORM, "se at scale " + k);
        }
    }

    @Test
    void aLiftBeyondTheDoubleRangeIsNullNotInfinite() {
        RelativeLift lift = RelativeLift.of(1e-300, 0, 1e300, 0);
        assertNull(lift.relative());
        assertNull(lift.standardError());
    }
}
