package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problemsOf;
import static io.abtest.config.ExperimentYaml.without;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each required field, removed alone from a valid file, is the one problem reported, and it says "missing". */
class ExperimentConfigLoaderMissingFieldTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "experiment_id",
        "hash_salt",
        "variants",
        "variants[0].name",
        "variants[0].weight",
        "variants[1].name",
        "variants[1].weight",
        "targeting.all",
        "targeting.all[0].attribute",
        "targeting.all[0].in",
        "targeting.all[1].attribute",
        "ramp_up[0].at",
        "metrics",
        "metrics[0].name",
        "metrics[0].kind",
        "metrics[0].source",
        "metrics[0].direction",
        "metrics[1].denominator",
        "guardrails[0].metric",
        "guardrails[0].threshold",
        "guardrails[0].comparison",
        "guardrails[0].window",
        "guardrails[0].severity",
        "guardrails[0].action",
        "minimum_detectable_effect",
    })
    void missingRequiredFieldIsTheOneProblemAndNamed(String path) {
        ConfigException e = problemsOf(without(path));

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigException.Problem problem = e.problems().get(0);
        assertEquals(ExperimentYaml.SOURCE, problem.source());
        assertEquals(path, problem.path());
        assertTrue(problem.message().startsWith("missing required field"), problem.message());
        assertTrue(e.getMessage().startsWith("exp.yaml: " + path + ": missing required field"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"variants[0].name", "metrics[0].kind", "guardrails[0].threshold"})
    void emptyValueCountsAsMissing(String path) {
        ConfigException e = problemsOf(ExperimentYaml.with(path, null));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(path, e.problems().get(0).path());
        assertEquals("missing required field", e.problems().get(0).message());
    }
}
