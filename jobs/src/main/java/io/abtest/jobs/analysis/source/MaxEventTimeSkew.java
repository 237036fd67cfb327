package io.abtest.jobs.analysis.source;

import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How far ahead of the wall clock an {@code event_time} may be ({@code --max-event-time-skew}). A record beyond it is
 * rejected where its source reads it, as {@link RejectReason#FUTURE_EVENT_TIME}; a rejected record's timestamp is
 * {@link Long#MIN_VALUE} ({@link io.abtest.jobs.analysis.records.InputRecord#eventTime()}), so the time never reaches
 * its Kafka partition's watermark generator, where it would make every later record of the partition late.
 *
 * <p>The same bound applies to a batch rerun, against the wall clock of the rerun: a historical record can no more
 * be from the future than a live one, and the usual culprits (a time in microseconds or nanoseconds read as
 * milliseconds lands tens of thousands of years ahead) are caught there too.
 *
 * @param millis the bound, >= 0
 * @param clock the wall clock; must be serializable (the JDK's clocks are)
 */
public record MaxEventTimeSkew(long millis, Clock clock) implements Serializable {

    /** One hour: far beyond any NTP-synchronised clock and any delay between serving and publishing an event. */
    public static final Duration DEFAULT = Duration.ofHours(1);

    public MaxEventTimeSkew {
        if (millis < 0) {
            throw new IllegalArgumentException("max event-time skew must be >= 0 ms, was " + millis);
        }
    }

    /** The bound against the system's UTC clock. */
    public static MaxEventTimeSkew of(Duration skew) {
        return new MaxEventTimeSkew(skew.toMillis(), Clock.systemUTC());
    }

    public static MaxEventTimeSkew byDefault() {
        return of(DEFAULT);
    }

    /** Whether {@code eventTime} is at most the bound ahead of the clock now; no overflow for any time. */
    public boolean admits(long eventTime) {
        long now = clock.millis();
        // Unsigned: when eventTime > now, their difference fits in 64 unsigned bits for any two longs.
        return eventTime <= now || Long.compareUnsigned(eventTime - now, millis) <= 0;
    }

    /** The rejection of a record whose {@code eventTime} this bound does not admit. */
    public Rejection rejection(long eventTime, String rawText, int maxRawChars) {
        long now = clock.millis();
        return Rejection.of(RejectReason.FUTURE_EVENT_TIME, "event_time",
                "event_time " + eventTime + " (" + Instant.ofEpochMilli(eventTime) + ") is more than the max event-time skew of "
                        + millis + " ms ahead of the wall clock " + now + " (" + Instant.ofEpochMilli(now) + ")",
                rawText, maxRawChars);
    }
}
