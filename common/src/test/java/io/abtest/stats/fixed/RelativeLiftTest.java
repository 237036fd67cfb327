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
}
