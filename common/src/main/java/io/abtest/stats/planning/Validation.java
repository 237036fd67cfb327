package io.abtest.stats.planning;

/** Argument checks of the planning API; each message names the parameter and the value it had. */
final class Validation {

    private Validation() {
    }

    static void openUnitInterval(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in (0, 1), was " + value);
        }
    }

    static void positive(String name, double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + value);
        }
    }

    static void finiteNonZero(String name, double value) {
        if (!(Double.isFinite(value) && value != 0)) {
            throw new IllegalArgumentException(name + " must be finite and non-zero, was " + value);
        }
    }

    static <T> T given(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given");
        }
        return value;
    }
}
