package io.abtest.stats.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedDurationTest {

    private static Map<String, Long> units(long control, long challenger) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("champion", control);
        m.put("challenger", challenger);
        return m;
    }

    private static Map<String, Double> weights(double control, double challenger) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("champion", control);
        m.put("challenger", challenger);
        return m;
    }

    @Test
    void sampleDecidesWhenItNeedsLongerThanTheMinimum() {
        // 356,335 per variant, 50/50, 100,000 units a day, 40% of them in the experiment: 40,000 a day, 20,000 per
        // variant: 356,335 / 20,000 = 17.8 -> 18 days
        ExpectedDuration d = ExpectedDuration.of(units(356_335, 356_335), weights(50, 50),
                new Traffic(100_000, 0.4), Duration.ofDays(7));
        assertEquals(18, d.days());
        assertEquals(18, d.sampleDays());
        assertEquals(7, d.minimumDays());
        assertEquals(DurationDriver.SAMPLE_SIZE, d.decidedBy());
        assertEquals(360_000, d.expectedUnits().get("champion"));
    }

    @Test
    void minimumDurationIsAFloor() {
        ExpectedDuration d = ExpectedDuration.of(units(1000, 1000), weights(1, 1), Traffic.of(10_000),
                Duration.ofDays(14));
        assertEquals(1, d.sampleDays());
        assertEquals(14, d.days());
        assertEquals(DurationDriver.MINIMUM_DURATION, d.decidedBy());
        assertEquals(70_000, d.expectedUnits().get("challenger"));
    }

    @Test
    void partOfADayCountsAsADay() {
        ExpectedDuration d = ExpectedDuration.of(units(100, 100), weights(1, 1), Traffic.of(1000),
                Duration.ofHours(36));
        assertEquals(2, d.minimumDays());
        assertEquals(2, d.days());
        assertEquals(DurationDriver.MINIMUM_DURATION, d.decidedBy());
    }

    @Test
    void equalDaysAreCreditedToTheSample() {
        // exactly 7 days of sample: 7 x 5,000 = 35,000 per variant, with a share of 0.1 that has no exact binary form
        ExpectedDuration d = ExpectedDuration.of(units(35_000, 35_000), weights(1, 1), new Traffic(100_000, 0.1),
                Duration.ofDays(7));
        assertEquals(7, d.sampleDays());
        assertEquals(7, d.days());
        assertEquals(DurationDriver.SAMPLE_SIZE, d.decidedBy());
    }

    @Test
    void theSmallerShareSetsTheDays() {
        // 90/10 split of 10,000 a day: the challenger gets 1,000 a day and needs 9,001 units -> 9.001 -> 10 days
        ExpectedDuration d = ExpectedDuration.of(units(4_500, 9_001), weights(90, 10), Traffic.of(10_000),
                Duration.ZERO);
        assertEquals(10, d.days());
        assertEquals(90_000, d.expectedUnits().get("champion"));
        assertEquals(10_000, d.expectedUnits().get("challenger"));
    }

    @Test
    void badInputNamesTheParameter() {
        assertEquals("dailyUnits must be positive and finite, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> Traffic.of(0)).getMessage());
        assertEquals("experimentShare must be in (0, 1], was 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Traffic(10, 1.5)).getMessage());
        assertEquals("weights must give variant 'challenger' a positive weight, were {champion=1.0, challenger=0.0}",
                assertThrows(IllegalArgumentException.class, () -> ExpectedDuration.of(units(1, 1), weights(1, 0),
                        Traffic.of(10), Duration.ZERO)).getMessage());
        assertEquals("minimumDuration must not be negative, was PT-1H",
                assertThrows(IllegalArgumentException.class, () -> ExpectedDuration.of(units(1, 1), weights(1, 1),
                        Traffic.of(10), Duration.ofHours(-1))).getMessage());
    }
}
