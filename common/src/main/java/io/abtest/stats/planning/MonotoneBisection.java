package io.abtest.stats.planning;

import java.util.function.DoublePredicate;

/**
 * Bisection for the point where a monotone condition starts to hold. Used to invert the power formulas of this
 * package where they have no closed-form inverse; each use states why its condition is monotone. It halves the
 * bracket until no double lies strictly between its ends, so the answer is as exact as the condition's
 * evaluation.
 */
final class MonotoneBisection {

    private static final int MAX_HALVINGS = 2_200;

    private MonotoneBisection() {
    }

    /**
     * The boundary in [low, high] between the points where {@code holds} is false (towards {@code low}) and
     * where it is true (towards {@code high}); {@code low} may exceed {@code high} for a condition that holds
     * towards smaller values. The caller guarantees that it holds at {@code high} and not at {@code low}.
     */
    static double boundary(DoublePredicate holds, double low, double high) {
        double off = low;
        double on = high;
        for (int i = 0; i < MAX_HALVINGS; i++) {
            double mid = off + (on - off) / 2;
            if (mid == off || mid == on) {
                break;
            }
            if (holds.test(mid)) {
                on = mid;
            } else {
                off = mid;
            }
        }
        return off + (on - off) / 2;
    }
}
