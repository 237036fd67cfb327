package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DesignTest {

    private static String rejection(double alpha, double power, double ratio, Alternative alternative) {
        return assertThrows(IllegalArgumentException.class, () -> new Design(alpha, power, ratio, alternative))
                .getMessage();
    }

    @Test
    void namesTheParameterThatIsOutOfRange() {
        assertEquals("alpha must be in (0, 1), was 0.0", rejection(0, 0.8, 1, Alternative.TWO_SIDED));
        assertEquals("alpha must be in (0, 1), was 1.0", rejection(1, 0.8, 1, Alternative.TWO_SIDED));
        assertEquals("alpha must be in (0, 1), was NaN", rejection(Double.NaN, 0.8, 1, Alternative.TWO_SIDED));
        assertEquals("power must be in (0, 1), was 1.0", rejection(0.05, 1, 1, Alternative.TWO_SIDED));
        assertEquals("power must be in (0, 1), was -0.1", rejection(0.05, -0.1, 1, Alternative.TWO_SIDED));
        assertEquals("power must exceed alpha, was power=0.05 with alpha=0.1",
                rejection(0.1, 0.05, 1, Alternative.TWO_SIDED));
        assertEquals("allocationRatio must be positive and finite, was 0.0", rejection(0.05, 0.8, 0, Alternative.ONE_SIDED));
        assertEquals("allocationRatio must be positive and finite, was -2.0",
                rejection(0.05, 0.8, -2, Alternative.ONE_SIDED));
        assertEquals("alternative must be given", rejection(0.05, 0.8, 1, null));
    }
}
