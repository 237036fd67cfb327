package io.abtest.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of configuration files: {@code <integer><unit>} with unit {@code ms}, {@code s}, {@code m},
 * {@code h} or {@code d} ({@code 500ms}, {@code 10m}, {@code 7d}; the short form people write in Flink and
 * Prometheus configuration), or ISO-8601 as {@link Duration#parse} takes it ({@code PT1H}, {@code P1DT12H}).
 * A day is 24 hours: durations here measure event time, which has no calendar.
 */
public final class DurationText {

    /** What a user is told a duration looks like. */
    public static final String EXAMPLES = "500ms, 10m, 7d or PT1H";

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private static final Map<String, ChronoUnit> UNITS = Map.of(
            "ms", ChronoUnit.MILLIS,
            "s", ChronoUnit.SECONDS,
            "m", ChronoUnit.MINUTES,
            "h", ChronoUnit.HOURS,
            "d", ChronoUnit.DAYS);

    private DurationText() {}

    /** The duration the text spells, or empty when it spells none (or one too long for {@link Duration}). */
    public static Optional<Duration> parse(String text) {
        Matcher shortForm = SHORT_FORM.matcher(text);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return Optional.of(UNITS.get(shortForm.group(2)).getDuration().multipliedBy(amount));
            }
            return Optional.of(Duration.parse(text));
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException notADuration) {
            return Optional.empty();
        }
    }
}
