package io.abtest.stats;

/** A two-sided interval; an infinite bound stands for an unbounded side. */
public record Interval(double low, double high) {

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public boolean excludes(double value) {
        return !contains(value);
    }
}
