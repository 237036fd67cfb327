package io.abtest.jobs.analysis.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResendPolicyTest {

    @Test
    void aFiringAlertIsLeasedForFourIntervalsFromNow() {
        ResendPolicy policy = ResendPolicy.every(Duration.ofMinutes(1));

        assertEquals(1_000_000 + 240_000, policy.leaseEnd(1_000_000, 400_000));
    }

    @Test
    void aLeaseCountsFromStartsAtWhenEventTimeIsAheadOfTheClock() {
        ResendPolicy policy = ResendPolicy.every(Duration.ofMinutes(1));

        assertEquals(2_000_000 + 240_000, policy.leaseEnd(1_000_000, 2_000_000));
    }

    @Test
    void retriesBackOffExponentiallyFromOneSecondUpToTheResendInterval() {
        ResendPolicy policy = ResendPolicy.every(Duration.ofMinutes(1));

        assertEquals(java.util.List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 60_000L, 60_000L),
                IntStream.range(0, 8).mapToObj(policy::retryDelay).toList());
        assertEquals(60_000L, policy.retryDelay(Integer.MAX_VALUE));
    }

    @Test
    void resolvedAlertsAreKeptFiveMinutes() {
        assertEquals(Duration.ofMinutes(5), ResendPolicy.every(Duration.ofSeconds(30)).resolvedRetention());
        assertThrows(IllegalArgumentException.class, () -> ResendPolicy.every(Duration.ZERO));
    }
}
