package io.abtest.stats.sequential;

import io.abtest.stats.Estimate;
import io.abtest.stats.Interval;
import io.abtest.stats.TestStatus;

/**
 * The checks both always-valid tests make before computing: an estimate they can use and a level in (0, 1). A
 * failed check becomes a {@link SequentialResult} with a status and a detail in words, never an exception.
 */
final class SequentialInput {

    private SequentialInput() {}

    /** Why {@code estimate} and {@code alpha} cannot be tested, as a result; null when they can. */
    static SequentialResult rejection(Estimate estimate, double alpha) {
        if (estimate == null) {
            return failed(TestStatus.INVALID_INPUT, "no estimate");
        }
        if (!estimate.isOk()) {
            if (estimate.status() == null) {
                return failed(TestStatus.INVALID_INPUT, "the estimate has no status");
            }
            String detail = estimate.detail() == null ? "the estimate has status " + estimate.status() : estimate.detail();
            return failed(estimate.status(), detail);
        }
        SequentialResult badLevel = invalidLevel(alpha);
        if (badLevel != null) {
            return badLevel;
        }
        Double difference = estimate.difference();
        if (difference == null || !Double.isFinite(difference)) {
            return failed(TestStatus.INVALID_INPUT, "the difference is not a finite number: " + difference);
        }
        Double standardError = estimate.differenceStandardError();
        if (standardError == null || !Double.isFinite(standardError) || standardError < 0) {
            return failed(TestStatus.INVALID_INPUT,
                    "the standard error of the difference is not a finite non-negative number: " + standardError);
        }
        if (standardError == 0) {
            return failed(TestStatus.ZERO_VARIANCE,
                    "the standard error of the difference is 0 (no variation in either variant)");
        }
        return null;
    }

    /** Why {@code alpha} is not a level, as a result; null when it is in (0, 1). */
    static SequentialResult invalidLevel(double alpha) {
        return alpha > 0 && alpha < 1 ? null
                : failed(TestStatus.INVALID_INPUT, "alpha must be in (0, 1), was " + alpha);
    }

    /** Whether the lift and its standard error can carry a confidence sequence. */
    static boolean hasRelative(Estimate estimate) {
        Double relative = estimate.relative();
        Double standardError = estimate.relativeStandardError();
        return relative != null && Double.isFinite(relative)
                && standardError != null && Double.isFinite(standardError) && standardError > 0;
    }

    /**
     * An OK result, unless the p-value is not a number or the confidence sequence of the difference lies outside the double range (INVALID_INPUT,
     * with the numbers); a relative sequence outside it is dropped, as the lift's own numbers are then.
     */
    static SequentialResult ok(double pValue, Interval absolute, Interval relative) {
        if (!(pValue >= 0 && pValue <= 1)) {
            return failed(TestStatus.INVALID_INPUT, "the p-value is " + pValue
                    + ": the variances lie outside the range where it can be evaluated in doubles");
        }
        if (!isFinite(absolute)) {
            return failed(TestStatus.INVALID_INPUT, "the confidence sequence " + absolute
                    + " lies outside the double range");
        }
        return new SequentialResult(TestStatus.OK, null, pValue, absolute, isFinite(relative) ? relative : null);
    }

    private static boolean isFinite(Interval interval) {
        return interval != null && Double.isFinite(interval.low()) && Double.isFinite(interval.high());
    }

    static SequentialResult failed(TestStatus status, String detail) {
        return new SequentialResult(status, detail, null, null, null);
    }
}
