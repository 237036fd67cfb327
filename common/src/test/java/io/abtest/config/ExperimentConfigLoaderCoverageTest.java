package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problem;
import static io.abtest.config.ExperimentYaml.problemsOf;
import static io.abtest.config.ExperimentYaml.with;
import static io.abtest.config.ExperimentYaml.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code coverage} at the top level and in {@code ramp_up} steps: default, values, and problems naming the field. */
class ExperimentConfigLoaderCoverageTest {

    private static final String RANGE = "must be a number in (0, 1], got ";

    private static ExperimentConfig parse(String yaml) {
        return ExperimentConfigLoader.parse(yaml, ExperimentYaml.SOURCE);
    }

    @Test
    void coverageDefaultsToOne() {
        assertEquals(1.0, parse(ExperimentYaml.COMPLETE).coverage());
    }

    @Test
    void topLevelCoverageIsRead() {
        assertEquals(0.05, parse(with("coverage", 0.05)).coverage());
        assertEquals(1.0, parse(with("coverage", 1)).coverage());
    }

    @Test
    void aStepMaySetCoverageWeightsOrBoth() {
        String yaml = ExperimentYaml.COMPLETE
                .replace("weights: {champion: 99, challenger: 1}", "coverage: 0.01")
                .replaceAll("( *)(weights: \\{champion: 50, challenger: 50})", "$1$2\n$1coverage: 0.5");
        ExperimentConfig config = parse(yaml);
        Map<String, Double> variantWeights = new java.util.HashMap<>();
        config.variants().forEach(v -> variantWeights.put(v.name(), v.weight()));
        List<RampStep> steps = config.rampUp();
        // what a step leaves out is filled in from the step before (the variants' weights before the first)
        assertEquals(new RampStep(Instant.parse("2026-11-25T09:00:00Z"), variantWeights, 0.01), steps.get(0));
        assertEquals(new RampStep(Instant.parse("2026-11-26T09:00:00Z"), Map.of("champion", 90.0, "challenger", 10.0),
                0.01), steps.get(1));
        assertEquals(new RampStep(Instant.parse("2026-11-27T09:00:00Z"), Map.of("champion", 50.0, "challenger", 50.0),
                0.5), steps.get(2));
    }

    @Test
    void stepsWithoutCoverageTakeTheTopLevelCoverage() {
        List<RampStep> steps = parse(with("coverage", 0.2)).rampUp();
        steps.forEach(step -> assertEquals(0.2, step.coverage(), step.toString()));
    }

    @Test
    void aStepThatSetsNeitherIsAProblem() {
        ConfigException e = problemsOf(without("ramp_up[1].weights"));
        assertEquals(List.of(problem("ramp_up[1]", "a step sets weights, coverage or both")), e.problems());
    }

    static Stream<Arguments> invalidCoverages() {
        return Stream.of(
                Arguments.of("coverage", 0, RANGE + "0"),
                Arguments.of("coverage", 1.5, RANGE + "1.5"),
                Arguments.of("coverage", -0.1, RANGE + "-0.1"),
                Arguments.of("coverage", "0.5", RANGE + "\"0.5\""),
                Arguments.of("ramp_up[0].coverage", 0, RANGE + "0"),
                Arguments.of("ramp_up[2].coverage", 2, RANGE + "2"),
                Arguments.of("ramp_up[1].coverage", "all", RANGE + "\"all\""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("invalidCoverages")
    void invalidCoverageIsTheOneProblemNamingTheField(String path, Object value, String message) {
        ConfigException e = problemsOf(with(path, value));
        assertEquals(List.of(problem(path, message)), e.problems());
    }
}
