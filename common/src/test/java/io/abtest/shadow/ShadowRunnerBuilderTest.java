package io.abtest.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShadowRunnerBuilderTest {

    private static ShadowRunnerBuilder<String, String> complete() {
        return ShadowRunner.<String, String>builder()
                .experimentId("exp-1")
                .champion("control", "v1", Function.identity())
                .challenger("treatment", "v2", Function.identity())
                .sink(event -> { });
    }

    private static String problemOf(UnaryOperator<ShadowRunnerBuilder<String, String>> change) {
        return assertThrows(IllegalArgumentException.class, () -> change.apply(complete()).build()).getMessage();
    }

    @Test
    void aCompleteBuilderWithDefaultsBuilds() {
        try (ShadowRunner<String, String> runner = complete().build()) {
            assertEquals("a", runner.predict("u", "r", null, "a"));
            assertEquals(new ShadowStats(1, 0, 0, 0, 0, 0, 0, 0, 0), runner.stats(),
                    "default sampling rate 1.0 submits the shadow call");
        }
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> ShadowRunner.<String, String>builder().build()).getMessage();
        assertTrue(message.contains("experimentId is missing"), message);
        assertTrue(message.contains("champion is missing"), message);
        assertTrue(message.contains("challenger is missing"), message);
        assertTrue(message.contains("sink is missing"), message);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
    void samplingRateOutsideTheUnitIntervalIsRejected(double rate) {
        assertEquals("Invalid ShadowRunner options: samplingRate must be in [0, 1], got " + rate,
                problemOf(builder -> builder.samplingRate(rate)));
    }

    @Test
    void samplingRateBoundsAreAccepted() {
        complete().samplingRate(0.0).build().close();
        complete().samplingRate(1.0).build().close();
    }

    @Test
    void nonPositiveTimeoutIsRejected() {
        assertEquals("Invalid ShadowRunner options: timeout must be > 0, got PT0S",
                problemOf(builder -> builder.timeout(Duration.ZERO)));
        assertEquals("Invalid ShadowRunner options: timeout must be > 0, got PT-0.001S",
                problemOf(builder -> builder.timeout(Duration.ofMillis(-1))));
        assertEquals("Invalid ShadowRunner options: timeout is missing",
                problemOf(builder -> builder.timeout(null)));
    }

    @Test
    void threadAndQueueBoundsBelowOneAreRejected() {
        assertEquals("Invalid ShadowRunner options: threads must be >= 1, got 0",
                problemOf(builder -> builder.threads(0)));
        assertEquals("Invalid ShadowRunner options: queueCapacity must be >= 1, got 0",
                problemOf(builder -> builder.queueCapacity(0)));
    }

    @Test
    void modelsNeedDistinctVariantNamesAndFunctions() {
        assertEquals("Invalid ShadowRunner options: challenger variant name must differ from the champion's, both are 'control'",
                problemOf(builder -> builder.challenger("control", "v2", Function.identity())));
        assertEquals("Invalid ShadowRunner options: champion variant name is missing",
                problemOf(builder -> builder.champion(" ", "v1", Function.identity())));
        assertEquals("Invalid ShadowRunner options: challenger model function is missing",
                problemOf(builder -> builder.challenger("treatment", "v2", null)));
    }

    @Test
    void nullOutputAndClockAreRejected() {
        assertEquals("Invalid ShadowRunner options: output is missing", problemOf(builder -> builder.output(null)));
        assertEquals("Invalid ShadowRunner options: clock is missing", problemOf(builder -> builder.clock(null)));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String message = problemOf(builder -> builder.samplingRate(2).threads(0).queueCapacity(-5));
        assertEquals("Invalid ShadowRunner options: samplingRate must be in [0, 1], got 2.0; "
                + "threads must be >= 1, got 0; queueCapacity must be >= 1, got -5", message);
    }
}
