package io.abtest.config;

import static io.abtest.config.ExperimentYaml.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.abtest.config.MetricSpec.MetricKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Spellings the format allows besides the canonical ones. */
class ExperimentConfigLoaderAcceptedSpellingsTest {

    private static ExperimentConfig parse(String yaml) {
        return ExperimentConfigLoader.parse(yaml, ExperimentYaml.SOURCE);
    }

    @Test
    void enumValuesInAnyCase() {
        ExperimentConfig config = parse(with("metrics[0].kind", "PROPORTION")
                .replace("holm", "Benjamini_Hochberg")
                .replace("critical", "CRITICAL"));

        assertEquals(MetricKind.PROPORTION, config.metrics().get(0).kind());
        assertEquals(MultipleTestingCorrection.BENJAMINI_HOCHBERG, config.correction());
        assertEquals(GuardrailSpec.Severity.CRITICAL, config.guardrails().get(0).severity());
    }

    @Test
    void isoDurations() {
        ExperimentConfig config = parse(ExperimentYaml.COMPLETE
                .replace("attribution_window: 24h", "attribution_window: P1DT12H")
                .replace("allowed_lateness: 1h", "allowed_lateness: PT0S")
                .replace("window: 5m", "window: PT90S"));

        assertEquals(Duration.ofHours(36), config.attributionWindow());
        assertEquals(Duration.ZERO, config.allowedLateness());
        assertEquals(Duration.ofSeconds(90), config.guardrails().get(0).window());
    }

    @Test
    void zeroDurationsWhereAllowed() {
        ExperimentConfig config = parse(ExperimentYaml.COMPLETE
                .replace("minimum_duration: 7d", "minimum_duration: 0d")
                .replace("allowed_lateness: 1h", "allowed_lateness: 0s"));

        assertEquals(Duration.ZERO, config.minimumDuration());
        assertEquals(Duration.ZERO, config.allowedLateness());
    }

    @Test
    void integerWrittenWithAnExponent() {
        String yaml = ExperimentYaml.COMPLETE.replace("minimum_sample_size: 1000", "minimum_sample_size: 5.0e3");

        assertEquals(5000, parse(yaml).minimumSampleSize());
    }

    @Test
    void zeroWeightVariantAndFractionalWeights() {
        ExperimentConfig config = parse(ExperimentYaml.COMPLETE
                .replace("weight: 50\n    control: true", "weight: 0.5\n    control: true")
                .replace("  - name: challenger\n    weight: 50", "  - name: challenger\n    weight: 0"));

        assertEquals(0.5, config.control().weight());
        assertEquals(0.0, config.variant("challenger").orElseThrow().weight());
    }

    @Test
    void explicitEmptyOptionalSectionsTakeTheirDefaults() {
        ExperimentConfig config = parse(ExperimentYaml.COMPLETE
                .substring(0, ExperimentYaml.COMPLETE.indexOf("attribution_window"))
                .replaceAll("(?s)targeting:.*?metrics:", "targeting:\nramp_up: []\nmetrics:")
                .replaceAll("(?s)guardrails:.*", "guardrails:\nsegments:\nminimum_detectable_effect: 0.02\n"));

        assertEquals(TargetingRule.EVERYONE, config.targeting());
        assertEquals(0, config.rampUp().size());
        assertEquals(0, config.guardrails().size());
        assertEquals(0, config.segments().size());
    }
}
