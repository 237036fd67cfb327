package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problem;
import static io.abtest.config.ExperimentYaml.problemsOf;
import static io.abtest.config.ExperimentYaml.with;
import static io.abtest.config.ExperimentYaml.without;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rules between fields: one control, one primary, unique names, references that resolve, ramps in order. */
class ExperimentConfigLoaderConsistencyTest {

    private static final String DEFAULT_NAME_HINT =
            "a guardrail without a name takes its metric's, so give each a distinct name";

    @Test
    void twoControls() {
        assertEquals(List.of(problem("variants",
                        "exactly one variant must have control: true, found 2 (variants[0], variants[1])")),
                problemsOf(with("variants[1].control", true)).problems());
    }

    @Test
    void noControl() {
        assertEquals(List.of(problem("variants", "exactly one variant must have control: true, found none")),
                problemsOf(with("variants[0].control", false)).problems());
    }

    @Test
    void fewerThanTwoVariants() {
        String yaml = ExperimentYaml.COMPLETE.substring(0, ExperimentYaml.COMPLETE.indexOf("  - name: challenger"))
                + "metrics: [{name: m, kind: mean, source: score, direction: higher_is_better, primary: true}]\n"
                + "minimum_detectable_effect: 0.02\n";

        assertEquals(List.of(problem("variants", "must have at least 2 entries, got 1")), problemsOf(yaml).problems());
    }

    @Test
    void duplicateVariantName() {
        assertEquals(List.of(problem("variants[1].name",
                        "duplicate variant name \"champion\" (also variants[0].name)")),
                problemsOf(with("variants[1].name", "champion")).problems());
    }

    @Test
    void variantWeightsAllZero() {
        String yaml = with("variants[1].weight", 0).replace("weight: 50", "weight: 0");

        assertEquals(List.of(problem("variants", "weights must not all be 0")), problemsOf(yaml).problems());
    }

    @Test
    void noPrimaryMetric() {
        assertEquals(List.of(problem("metrics", "exactly one metric must have primary: true, found none")),
                problemsOf(with("metrics[0].primary", false)).problems());
    }

    @Test
    void twoPrimaryMetrics() {
        assertEquals(List.of(problem("metrics",
                        "exactly one metric must have primary: true, found 2 (metrics[0], metrics[2])")),
                problemsOf(with("metrics[2].primary", true)).problems());
    }

    @Test
    void duplicateMetricName() {
        assertEquals(List.of(problem("metrics[2].name", "duplicate metric name \"converted\" (also metrics[0].name)")),
                problemsOf(with("metrics[2].name", "converted")).problems());
    }

    @Test
    void metricMayNotTakeABuiltInGuardrailMetricName() {
        assertEquals(List.of(problem("metrics[2].name",
                        "\"latency_p99\" is the name of a built-in guardrail metric; choose another name")),
                problemsOf(with("metrics[2].name", "latency_p99")).problems());
    }

    @Test
    void ratioWithoutDenominator() {
        assertEquals(List.of(problem("metrics[0].denominator",
                        "missing required field (kind ratio needs a denominator)")),
                problemsOf(with("metrics[0].kind", "ratio")).problems());
    }

    @Test
    void denominatorOnAProportion() {
        assertEquals(List.of(problem("metrics[0].denominator", "only allowed for kind ratio, not proportion")),
                problemsOf(with("metrics[0].denominator", "requests")).problems());
    }

    @Test
    void denominatorOnAMean() {
        assertEquals(List.of(problem("metrics[1].denominator", "only allowed for kind ratio, not mean")),
                problemsOf(with("metrics[1].kind", "mean")).problems());
    }

    @Test
    void unknownGuardrailMetric() {
        assertEquals(List.of(problem("guardrails[0].metric", "unknown metric \"latency_p90\"; expected a configured "
                        + "metric (converted, revenue_per_request, latency) or a built-in guardrail metric "
                        + "(error_rate, latency_p50, latency_p95, latency_p99, timeout_rate)")),
                problemsOf(with("guardrails[0].metric", "latency_p90")).problems());
    }

    @Test
    void guardrailOnAConfiguredMetric() {
        ExperimentConfig config =
                ExperimentConfigLoader.parse(with("guardrails[2].metric", "revenue_per_request"), "exp.yaml");

        assertEquals("revenue_per_request", config.guardrails().get(2).metric());
    }

    @Test
    void duplicateGuardrailName() {
        assertEquals(List.of(problem("guardrails[1].name", "duplicate guardrail name \"latency-p99\" (also "
                        + "guardrails[0].name); " + DEFAULT_NAME_HINT)),
                problemsOf(with("guardrails[1].name", "latency-p99")).problems());
    }

    @Test
    void defaultGuardrailNameCollides() {
        assertEquals(List.of(problem("guardrails[2]", "duplicate guardrail name \"converted\" (also "
                        + "guardrails[1].name); " + DEFAULT_NAME_HINT)),
                problemsOf(with("guardrails[1].name", "converted")).problems());
    }

    @Test
    void unknownFieldAtTheTop() {
        assertEquals(List.of(problem("alpah", "unknown field")), problemsOf(with("alpah", 0.05)).problems());
    }

    @Test
    void unknownFieldsInEverySection() {
        String yaml = ExperimentYaml.COMPLETE
                .replace("weight: 50\n    control: true", "weight: 50\n    wieght: 5\n    control: true")
                .replace("  - attribute: tier", "  - atribute: x\n      attribute: tier")
                .replace("- at: 2026-11-26T09:00:00Z", "- at: 2026-11-26T09:00:00Z\n    weight: {}")
                .replace("kind: mean", "kind: mean\n    primray: true")
                .replace("action: stop", "action: stop\n    treshold: 3")
                .replace("alpha: 0.05", "alpha: 0.05\nalpha_level: 0.05")
                .replace("targeting:\n  all:", "targeting:\n  any: []\n  all:");

        assertEquals(List.of(
                        problem("alpha_level", "unknown field"),
                        problem("variants[0].wieght", "unknown field"),
                        problem("targeting.any", "unknown field"),
                        problem("targeting.all[1].atribute", "unknown field"),
                        problem("ramp_up[1].weight", "unknown field"),
                        problem("metrics[2].primray", "unknown field"),
                        problem("guardrails[0].treshold", "unknown field")),
                problemsOf(yaml).problems());
    }

    @Test
    void bothInAndNotIn() {
        assertEquals(List.of(problem("targeting.all[0]", "has both in and not_in; give exactly one")),
                problemsOf(with("targeting.all[0].not_in", List.of("GB"))).problems());
    }

    @Test
    void neitherInNorNotIn() {
        assertEquals(List.of(problem("targeting.all[1].in", "missing required field (give in or not_in)")),
                problemsOf(without("targeting.all[1].not_in")).problems());
    }

    @Test
    void rampStepNamingAnUnknownVariant() {
        assertEquals(List.of(problem("ramp_up[0].weights.challenger2",
                        "unknown variant; the variants are champion, challenger")),
                problemsOf(with("ramp_up[0].weights.challenger2", 1)).problems());
    }

    @Test
    void rampStepMissingAVariant() {
        assertEquals(List.of(problem("ramp_up[1].weights",
                        "missing the weight of variant \"challenger\"; a step names every variant")),
                problemsOf(without("ramp_up[1].weights.challenger")).problems());
    }

    @Test
    void rampStepWithAllWeightsZero() {
        assertEquals(List.of(problem("ramp_up[2].weights", "weights must not all be 0")),
                problemsOf(with("ramp_up[2].weights", Map.of("champion", 0, "challenger", 0))).problems());
    }

    @Test
    void rampStepAtTheSameTimeAsThePrevious() {
        assertEquals(List.of(problem("ramp_up[1].at",
                        "must be later than ramp_up[0].at (2026-11-25T09:00:00Z), got 2026-11-25T09:00:00Z")),
                problemsOf(with("ramp_up[1].at", "2026-11-25T09:00:00Z")).problems());
    }

    @Test
    void rampStepsComparedAsInstantsAcrossOffsets() {
        assertEquals(List.of(problem("ramp_up[2].at",
                        "must be later than ramp_up[1].at (2026-11-26T09:00:00Z), got 2026-11-26T08:00:00Z")),
                problemsOf(with("ramp_up[2].at", "2026-11-26T10:00:00+02:00")).problems());
    }

    @Test
    void duplicateSegment() {
        assertEquals(List.of(problem("segments[1]", "duplicate segment attribute \"country\" (also segments[0])")),
                problemsOf(with("segments", List.of("country", "country"))).problems());
    }

    @Test
    void everyProblemOfAFileIsReportedInOneException() {
        String yaml = """
                experiment_id: ranker v2
                variants:
                  - name: champion
                    weight: fifty
                    control: true
                  - name: challenger
                    weight: 50
                    control: true
                metrics:
                  - name: converted
                    kind: proportion
                    source: values.converted
                    denominator: requests
                    direction: higher_is_better
                guardrails:
                  - metric: latency_p90
                    threshold: 250
                    comparison: greater_than
                    window: 5 min
                    severity: critical
                    action: stop
                alpah: 0.05
                minimum_detectable_effect: 0.02
                """;

        ConfigException e = problemsOf(yaml);

        assertEquals("""
                exp.yaml: alpah: unknown field
                exp.yaml: experiment_id: must be a name of letters, digits, '.', '_' or '-', got "ranker v2"
                exp.yaml: hash_salt: missing required field
                exp.yaml: variants[0].weight: must be a number >= 0, got "fifty"
                exp.yaml: variants: exactly one variant must have control: true, found 2 (variants[0], variants[1])
                exp.yaml: metrics[0].denominator: only allowed for kind ratio, not proportion
                exp.yaml: metrics: exactly one metric must have primary: true, found none
                exp.yaml: guardrails[0].metric: unknown metric "latency_p90"; expected a configured metric \
                (converted) or a built-in guardrail metric (error_rate, latency_p50, latency_p95, latency_p99, \
                timeout_rate)
                exp.yaml: guardrails[0].window: must be a duration such as 500ms, 10m, 7d or PT1H, got "5 min\"""",
                e.getMessage());
        assertEquals(9, e.problems().size());
    }

    /** Two challengers each own half of the units (the router's lanes), so neither may take more than 50%. */
    @Test
    void challengerWeightBeyondItsLane() {
        String yaml = String.join("\n",
                "experiment_id: lanes",
                "hash_salt: lanes",
                "variants:",
                "  - {name: champion, weight: 20, control: true}",
                "  - {name: a, weight: 60}",
                "  - {name: b, weight: 20}",
                "ramp_up:",
                "  - {at: 2026-11-25T00:00:00Z, weights: {champion: 90, a: 5, b: 5}}",
                "  - {at: 2026-11-26T00:00:00Z, weights: {champion: 30, a: 10, b: 60}}",
                "metrics: [{name: m, kind: mean, source: score, direction: higher_is_better, primary: true}]",
                "minimum_detectable_effect: 0.02",
                "");
        String lanes = "with 2 challengers each may take at most 50.00% (its lane), so that raising or lowering a weight"
                + " never moves units between challengers";

        assertEquals(List.of(
                        problem("variants", "variant \"a\" would get 60.00% of traffic, but " + lanes),
                        problem("ramp_up[1].weights", "variant \"b\" would get 60.00% of traffic, but " + lanes)),
                problemsOf(yaml).problems());
    }
}
