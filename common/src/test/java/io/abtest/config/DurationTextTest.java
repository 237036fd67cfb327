package io.abtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "0s, 0",
        "10s, 10000",
        "10m, 600000",
        "24h, 86400000",
        "7d, 604800000",
        "PT1H, 3600000",
        "P1DT12H, 129600000",
        "PT0.5S, 500",
        "pt2m, 120000",
    })
    void readsShortAndIsoForms(String text, long millis) {
        assertEquals(Optional.of(Duration.ofMillis(millis)), DurationText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10 m", "1w", "-5m", "+5m", "10M", "1.5h", "5min", "PT", "P1M", "h",
        "99999999999999999999d", "999999999999999999d"})
    void rejectsAnythingElse(String text) {
        assertEquals(Optional.empty(), DurationText.parse(text));
    }
}
