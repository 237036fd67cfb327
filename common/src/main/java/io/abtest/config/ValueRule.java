package io.abtest.config;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What a configuration value must be, in words and as a test. The words complete "must be ..." in the
 * problem reported for a value of the wrong type or out of range, so both read the same way.
 *
 * @param description e.g. {@code a number >= 0}
 * @param test true for an acceptable value of the right type
 */
record ValueRule<T>(String description, Predicate<T> test) {

    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9._-]+");

    /** Ids and names that travel in events, control records, metric labels and file names. */
    static final ValueRule<String> NAME =
            new ValueRule<>("a name of letters, digits, '.', '_' or '-'", text -> NAME_PATTERN.matcher(text).matches());

    static final ValueRule<String> NON_EMPTY = new ValueRule<>("a non-empty string", text -> !text.isEmpty());

    static final ValueRule<Duration> POSITIVE_DURATION =
            new ValueRule<>("a duration > 0", duration -> !duration.isNegative() && !duration.isZero());

    static final ValueRule<Duration> NON_NEGATIVE_DURATION =
            new ValueRule<>("a duration >= 0", duration -> !duration.isNegative());

    /** The share of eligible units in an experiment ({@code coverage}). */
    static final ValueRule<Double> COVERAGE = new ValueRule<>("a number in (0, 1]", x -> x > 0 && x <= 1);

    static ValueRule<Double> atLeast(double minimum) {
        return new ValueRule<>("a number >= " + plain(minimum), x -> x >= minimum);
    }

    static ValueRule<Double> above(double minimum) {
        return new ValueRule<>("a number > " + plain(minimum), x -> x > minimum);
    }

    static ValueRule<Long> integerAtLeast(long minimum) {
        return new ValueRule<>("an integer >= " + minimum, x -> x >= minimum);
    }

    private static String plain(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
    }
}
