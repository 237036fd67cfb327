package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problem;
import static io.abtest.config.ExperimentYaml.problemsOf;
import static io.abtest.config.ExperimentYaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A value of the wrong type or out of range is the one problem reported, under its path, quoting the value. */
class ExperimentConfigLoaderInvalidValueTest {

    private static final String NAME = "must be a name of letters, digits, '.', '_' or '-', got ";
    private static final String DURATION = "must be a duration such as 500ms, 10m, 7d or PT1H, got ";
    private static final String SOURCE = "must be values.NAME or one of abs_error, brier, error, label_correct, "
            + "latency_ms, log_loss, requests, score, squared_error, timeout, got ";

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of("experiment_id", "ranker v2", NAME + "\"ranker v2\""),
                Arguments.of("experiment_id", 42, NAME + "42"),
                Arguments.of("hash_salt", "", "must be a non-empty string, got \"\""),
                Arguments.of("hash_salt", List.of("a"), "must be a non-empty string, got a list"),
                Arguments.of("variants", "champion", "must be a list, got \"champion\""),
                Arguments.of("variants[1]", "challenger", "must be a mapping, got \"challenger\""),
                Arguments.of("variants[1].name", "chall/enger", NAME + "\"chall/enger\""),
                Arguments.of("variants[1].weight", "fifty", "must be a number >= 0, got \"fifty\""),
                Arguments.of("variants[1].weight", "50", "must be a number >= 0, got \"50\""),
                Arguments.of("variants[1].weight", -1, "must be a number >= 0, got -1"),
                Arguments.of("variants[0].control", "yes", "must be true or false, got \"yes\""),
                Arguments.of("variants[0].model_version", 2, "must be a non-empty string, got 2"),
                Arguments.of("targeting", "everyone", "must be a mapping, got \"everyone\""),
                Arguments.of("targeting.all", List.of(), "must have at least 1 entry, got 0"),
                Arguments.of("targeting.all[0].in", "US", "must be a list, got \"US\""),
                Arguments.of("targeting.all[0].in", List.of(), "must have at least 1 entry, got 0"),
                Arguments.of("targeting.all[1].not_in", Map.of("a", 1), "must be a list, got a mapping"),
                Arguments.of("ramp_up", Map.of(), "must be a list, got a mapping"),
                Arguments.of("ramp_up[0].at", "2026-11-25", "must be an RFC 3339 instant such as "
                        + "2026-11-25T09:00:00Z, got \"2026-11-25\""),
                Arguments.of("ramp_up[0].at", "2026-11-25T09:00:00", "must be an RFC 3339 instant such as "
                        + "2026-11-25T09:00:00Z, got \"2026-11-25T09:00:00\""),
                Arguments.of("ramp_up[0].weights", List.of(99, 1), "must be a mapping, got a list"),
                Arguments.of("ramp_up[0].weights.challenger", -1, "must be a number >= 0, got -1"),
                Arguments.of("metrics", List.of(), "must have at least 1 entry, got 0"),
                Arguments.of("metrics[0].name", "conv rate", NAME + "\"conv rate\""),
                Arguments.of("metrics[0].kind", "count", "must be one of proportion, mean, ratio, got \"count\""),
                Arguments.of("metrics[0].source", "converted", SOURCE + "\"converted\""),
                Arguments.of("metrics[0].source", "values.", SOURCE + "\"values.\""),
                Arguments.of("metrics[1].denominator", "reqs", SOURCE + "\"reqs\""),
                Arguments.of("metrics[0].covariate", "pre_converted", SOURCE + "\"pre_converted\""),
                Arguments.of("metrics[0].direction", "up",
                        "must be one of higher_is_better, lower_is_better, got \"up\""),
                Arguments.of("metrics[0].primary", "true", "must be true or false, got \"true\""),
                Arguments.of("guardrails", "none", "must be a list, got \"none\""),
                Arguments.of("guardrails[0].name", "p99 latency", NAME + "\"p99 latency\""),
                Arguments.of("guardrails[0].threshold", "high", "must be a finite number, got \"high\""),
                Arguments.of("guardrails[0].comparison", "above",
                        "must be one of greater_than, less_than, got \"above\""),
                Arguments.of("guardrails[0].window", "5 minutes", DURATION + "\"5 minutes\""),
                Arguments.of("guardrails[0].window", 5, DURATION + "5"),
                Arguments.of("guardrails[0].window", "0s", "must be a duration > 0, got \"0s\""),
                Arguments.of("guardrails[0].consecutive_breaches", 0,
                        "must be an integer from 1 to 2147483647, got 0"),
                Arguments.of("guardrails[0].consecutive_breaches", 1.5,
                        "must be an integer from 1 to 2147483647, got 1.5"),
                Arguments.of("guardrails[0].consecutive_breaches", 3_000_000_000L,
                        "must be an integer from 1 to 2147483647, got 3000000000"),
                Arguments.of("guardrails[0].severity", "fatal",
                        "must be one of info, warning, critical, got \"fatal\""),
                Arguments.of("guardrails[0].action", "pause", "must be one of alert, stop, got \"pause\""),
                Arguments.of("attribution_window", "0h", "must be a duration > 0, got \"0h\""),
                Arguments.of("attribution_window", "24 h", DURATION + "\"24 h\""),
                Arguments.of("allowed_lateness", "-1h", DURATION + "\"-1h\""),
                Arguments.of("allowed_lateness", "PT-1H", "must be a duration >= 0, got \"PT-1H\""),
                Arguments.of("minimum_duration", "1w", DURATION + "\"1w\""),
                Arguments.of("minimum_duration", "99999999999999999d", DURATION + "\"99999999999999999d\""),
                Arguments.of("alpha", 0, "must be a number in (0, 0.5], got 0"),
                Arguments.of("alpha", 0.7, "must be a number in (0, 0.5], got 0.7"),
                Arguments.of("alpha", "0.05", "must be a number in (0, 0.5], got \"0.05\""),
                Arguments.of("power", 1, "must be a number in (0, 1), got 1"),
                Arguments.of("max_multiple_exposure", 1.5, "must be a number in [0, 1], got 1.5"),
                Arguments.of("max_multiple_exposure", -0.01, "must be a number in [0, 1], got -0.01"),
                Arguments.of("power", 0, "must be a number in (0, 1), got 0"),
                Arguments.of("minimum_detectable_effect", 0, "must be a number > 0, got 0"),
                Arguments.of("minimum_detectable_effect", -0.02, "must be a number > 0, got -0.02"),
                Arguments.of("minimum_sample_size", 1, "must be an integer >= 2, got 1"),
                Arguments.of("minimum_sample_size", 1000.5, "must be an integer >= 2, got 1000.5"),
                Arguments.of("multiple_testing_correction", "fdr",
                        "must be one of none, bonferroni, holm, benjamini_hochberg, got \"fdr\""),
                Arguments.of("segments", "country", "must be a list, got \"country\""),
                Arguments.of("segments[1]", "", "must be a non-empty string, got \"\""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidValues")
    void invalidValueIsTheOneProblem(String path, Object value, String message) {
        ConfigException e = problemsOf(with(path, value));

        assertEquals(List.of(problem(path, message)), e.problems());
        assertEquals("exp.yaml: " + path + ": " + message, e.getMessage());
    }

    @Test
    void listEntryOfTheWrongTypeIsNamedByItsIndex() {
        ConfigException e = problemsOf(with("targeting.all[0].in", List.of("US", 7)));

        assertEquals(List.of(problem("targeting.all[0].in[1]", "must be a non-empty string, got 7")), e.problems());
    }

    @Test
    void numberTooLargeForADoubleIsNotFinite() {
        ConfigException e = problemsOf(ExperimentYaml.COMPLETE.replace("threshold: 250", "threshold: 1e400"));

        assertEquals(List.of(problem("guardrails[0].threshold", "must be a finite number, got Infinity")),
                e.problems());
    }

    @Test
    void longTextIsQuotedCutAndEscaped() {
        String value = "line one\n" + "x".repeat(100);

        ConfigException e = problemsOf(with("experiment_id", value));

        assertEquals(NAME + "\"line one\\n" + "x".repeat(71) + "...\"", e.problems().get(0).message());
        assertEquals(1, e.getMessage().lines().count());
    }
}
