package io.abtest.jobs.analysis.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MaxEventTimeSkewTest {

    private static MaxEventTimeSkew at(long nowMillis, long skewMillis) {
        return new MaxEventTimeSkew(skewMillis, Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC));
    }

    @Test
    void admitsEverythingUpToTheBoundAheadOfTheClock() {
        MaxEventTimeSkew skew = at(1_000_000, 500);
        assertTrue(skew.admits(Long.MIN_VALUE));
        assertTrue(skew.admits(1_000_000));
        assertTrue(skew.admits(1_000_500));
        assertFalse(skew.admits(1_000_501));
        assertFalse(skew.admits(Long.MAX_VALUE));
    }

    @Test
    void zeroSkewAdmitsNothingAheadOfTheClock() {
        MaxEventTimeSkew skew = at(1_000_000, 0);
        assertTrue(skew.admits(1_000_000));
        assertFalse(skew.admits(1_000_001));
    }

    @Test
    void noOverflowAtTheEndsOfTheLongRange() {
        assertFalse(at(-5, Long.MAX_VALUE - 10).admits(Long.MAX_VALUE), "MAX - (-5) is beyond MAX - 10");
        assertFalse(at(-5, Long.MAX_VALUE).admits(Long.MAX_VALUE), "the difference, 2^63 + 4, is beyond any long");
        assertTrue(at(0, Long.MAX_VALUE).admits(Long.MAX_VALUE));
        assertFalse(at(Long.MIN_VALUE, 1).admits(Long.MAX_VALUE));
        assertTrue(at(Long.MAX_VALUE, 0).admits(Long.MAX_VALUE));
        assertFalse(at(Long.MAX_VALUE - 1, 0).admits(Long.MAX_VALUE));
    }

    @Test
    void theRejectionNamesTheTimeTheBoundAndTheClock() {
        Rejection rejection = at(1_767_225_600_000L, 3_600_000).rejection(Long.MAX_VALUE, "{\"x\":1}", 4);
        assertEquals(RejectReason.FUTURE_EVENT_TIME, rejection.reason());
        assertEquals("event_time", rejection.field());
        assertEquals("event_time 9223372036854775807 (+292278994-08-17T07:12:55.807Z) is more than the max event-time "
                + "skew of 3600000 ms ahead of the wall clock 1767225600000 (2026-01-01T00:00:00Z)", rejection.detail());
        assertEquals("{\"x\"", rejection.rawText());
        assertTrue(rejection.rawTruncated());
    }

    @Test
    void aNegativeBoundIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> at(0, -1));
    }
}
