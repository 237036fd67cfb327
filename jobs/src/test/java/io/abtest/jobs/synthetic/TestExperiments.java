package io.abtest.jobs.synthetic;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import io.abtest.event.EventValidator;
import java.util.Map;

/** Experiments the generator tests run against, parsed from YAML as a deployment would load them. */
final class TestExperiments {

    /** Control and one challenger, 50/50; 1 h attribution window, 30 min allowed lateness. */
    static final String TWO_VARIANTS_YAML = """
            experiment_id: checkout-ranker
            hash_salt: checkout-ranker-2026-01
            variants:
              - name: champion
                weight: 50
                control: true
                model_version: ranker-1.4
              - name: challenger
                weight: 50
                model_version: ranker-2.0
            metrics:
              - name: converted
                kind: proportion
                source: values.converted
                direction: higher_is_better
                primary: true
            attribution_window: 1h
            allowed_lateness: 30m
            minimum_detectable_effect: 0.05
            """;

    /** Control 50, two challengers 30 and 20. */
    static final String THREE_VARIANTS_YAML = """
            experiment_id: search-3way
            hash_salt: search-3way-2026-01
            variants:
              - name: control
                weight: 50
                control: true
              - name: bert
                weight: 30
              - name: tfidf
                weight: 20
            metrics:
              - name: converted
                kind: proportion
                source: values.converted
                direction: higher_is_better
                primary: true
            attribution_window: 1h
            allowed_lateness: 30m
            minimum_detectable_effect: 0.05
            """;

    static final ExperimentConfig TWO_VARIANTS = ExperimentConfigLoader.parse(TWO_VARIANTS_YAML, "two-variants");
    static final ExperimentConfig THREE_VARIANTS = ExperimentConfigLoader.parse(THREE_VARIANTS_YAML, "three-variants");

    static EventValidator validator(ExperimentConfig experiment) {
        return new EventValidator(Map.of(experiment.experimentId(), experiment));
    }

    private TestExperiments() {}
}
