package io.abtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.abtest.config.Condition.Operator;
import io.abtest.config.GuardrailSpec.Action;
import io.abtest.config.GuardrailSpec.Comparison;
import io.abtest.config.GuardrailSpec.Severity;
import io.abtest.config.MetricSpec.Direction;
import io.abtest.config.MetricSpec.MetricKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped example files load to exactly what they say; the minimal one gets every documented default. */
class ExperimentConfigLoaderExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "deploy", "experiments");

    @Test
    void completeExampleLoadsEveryField() {
        ExperimentConfig expected = new ExperimentConfig(
                "ranker-v2",
                "ranker-v2-2026-11",
                List.of(
                        new Variant("champion", 50, true, "ranker-1.4"),
                        new Variant("challenger", 50, false, "ranker-2.0-rc3")),
                new TargetingRule(List.of(
                        new Condition("country", Operator.IN, Set.of("US", "CA")),
                        new Condition("tier", Operator.NOT_IN, Set.of("internal")))),
                List.of(
                        new RampStep(Instant.parse("2026-11-25T09:00:00Z"),
                                Map.of("champion", 50.0, "challenger", 50.0), 0.1),
                        new RampStep(Instant.parse("2026-11-26T09:00:00Z"),
                                Map.of("champion", 50.0, "challenger", 50.0), 0.5),
                        new RampStep(Instant.parse("2026-11-27T09:00:00Z"),
                                Map.of("champion", 50.0, "challenger", 50.0), 1.0)),
                List.of(
                        new MetricSpec("converted", MetricKind.PROPORTION, "values.converted", null,
                                Direction.HIGHER_IS_BETTER, true, "values.pre_converted"),
                        new MetricSpec("revenue_per_request", MetricKind.RATIO, "values.revenue", "requests",
                                Direction.HIGHER_IS_BETTER, false, null),
                        new MetricSpec("latency", MetricKind.MEAN, "latency_ms", null,
                                Direction.LOWER_IS_BETTER, false, null)),
                List.of(
                        new GuardrailSpec("latency-p99", "latency_p99", 0.5, Comparison.GREATER_THAN,
                                Duration.ofMinutes(5), 3, Severity.CRITICAL, Action.STOP, true,
                                GuardrailSpec.DEFAULT_MIN_EVENTS, 2),
                        new GuardrailSpec("error-rate", "error_rate", 0.02, Comparison.GREATER_THAN,
                                Duration.ofMinutes(10), 1, Severity.WARNING, Action.ALERT, false, 1000,
                                GuardrailSpec.DEFAULT_RECOVERY_WINDOWS),
                        new GuardrailSpec("converted", "converted", 0.01, Comparison.LESS_THAN,
                                Duration.ofHours(1), 2, Severity.INFO, Action.ALERT)),
                Duration.ofHours(48),
                Duration.ofMinutes(30),
                0.025,
                0.9,
                0.02,
                5000,
                Duration.ofDays(14),
                MultipleTestingCorrection.BENJAMINI_HOCHBERG,
                List.of("country", "device"),
                100_000,
                0.01,
                0.01);

        ExperimentConfig loaded = ExperimentConfigLoader.load(EXAMPLES.resolve("ranker-v2.yaml"));

        assertEquals(expected, loaded);
        assertEquals("champion", loaded.control().name());
        assertEquals("converted", loaded.primaryMetric().name());
    }

    @Test
    void minimalExampleGetsEveryDefault() {
        ExperimentConfig loaded = ExperimentConfigLoader.load(EXAMPLES.resolve("minimal.yaml"));

        assertEquals(new ExperimentConfig(
                "minimal",
                "minimal-2026-11",
                List.of(new Variant("control", 1, true, null), new Variant("treatment", 1, false, null)),
                TargetingRule.EVERYONE,
                List.of(),
                List.of(new MetricSpec("converted", MetricKind.PROPORTION, "values.converted", null,
                        Direction.HIGHER_IS_BETTER, true, null)),
                List.of(),
                Duration.ofHours(24),
                Duration.ofHours(1),
                0.05,
                0.8,
                0.05,
                1000,
                Duration.ofDays(7),
                MultipleTestingCorrection.HOLM,
                List.of()), loaded);
        assertTrue(loaded.targeting().admitsEveryone());
        assertNull(loaded.variants().get(1).modelVersion());
    }

    @Test
    void jsonFileLoadsLikeTheSameYaml(@TempDir Path directory) throws Exception {
        Path yaml = EXAMPLES.resolve("ranker-v2.yaml");
        Path json = directory.resolve("ranker-v2.json");
        Files.writeString(json, new JsonMapper().writeValueAsString(new YAMLMapper().readTree(yaml.toFile())));

        assertEquals(ExperimentConfigLoader.load(yaml), ExperimentConfigLoader.load(json));
    }

    @Test
    void maxMultipleExposureDefaultsToOnePercentAndIsRead() {
        assertEquals(0.01, ExperimentConfigLoader.parse(ExperimentYaml.COMPLETE, ExperimentYaml.SOURCE)
                .maxMultipleExposure());
        assertEquals(0.05, ExperimentConfigLoader.parse(ExperimentYaml.with("max_multiple_exposure", 0.05),
                ExperimentYaml.SOURCE).maxMultipleExposure());
        assertEquals(0.0, ExperimentConfigLoader.parse(ExperimentYaml.with("max_multiple_exposure", 0),
                ExperimentYaml.SOURCE).maxMultipleExposure());
    }

    @Test
    void fixtureOfTheOtherTestsIsValid() {
        ExperimentConfig config = ExperimentConfigLoader.parse(ExperimentYaml.COMPLETE, ExperimentYaml.SOURCE);

        assertEquals(3, config.rampUp().size());
        assertEquals(3, config.guardrails().size());
    }
}
