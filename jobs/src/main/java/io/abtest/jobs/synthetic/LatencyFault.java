package io.abtest.jobs.synthetic;

import java.time.Duration;

/**
 * A window of extra serving latency on one variant (a slow dependency, a bad deploy), for guardrail tests: every
 * prediction of {@code variant} whose event time lies in {@code [start + from, start + to)} of the traffic gets
 * {@code extraMs} more latency.
 *
 * @param variant the variant that slows down
 * @param from offset from the traffic's start at which the fault begins, >= 0
 * @param to offset at which it ends, > {@code from}
 * @param extraMs latency added, >= 0
 */
public record LatencyFault(String variant, Duration from, Duration to, double extraMs) {

    public LatencyFault {
        if (variant == null || variant.isBlank()) {
            throw new IllegalArgumentException("latency fault variant must be given");
        }
        if (from == null || to == null || from.isNegative() || to.compareTo(from) <= 0) {
            throw new IllegalArgumentException("latency fault needs 0 <= from < to, was " + from + " .. " + to);
        }
        if (!(extraMs >= 0) || Double.isInfinite(extraMs)) {
            throw new IllegalArgumentException("latency fault extra ms must be >= 0, was " + extraMs);
        }
    }

    boolean covers(String servedVariant, long offsetMillis) {
        return variant.equals(servedVariant) && offsetMillis >= from.toMillis() && offsetMillis < to.toMillis();
    }
}
