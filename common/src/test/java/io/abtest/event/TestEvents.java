package io.abtest.event;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.GuardrailSpec;
import io.abtest.config.MetricSpec;
import io.abtest.config.MultipleTestingCorrection;
import io.abtest.config.TargetingRule;
import io.abtest.config.Variant;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Experiments and events shared by the event tests, built with the record constructors. */
final class TestEvents {

    static final String EXPERIMENT = "ranker-2024";
    static final String OTHER_EXPERIMENT = "search-ctr";

    static final Map<String, ExperimentConfig> EXPERIMENTS = Map.of(
            EXPERIMENT, experiment(EXPERIMENT, "control", "challenger"),
            OTHER_EXPERIMENT, experiment(OTHER_EXPERIMENT, "baseline", "bert-v2"));

    static final PredictionEvent FULL_PREDICTION = new PredictionEvent(
            "ev-1", EXPERIMENT, "challenger", "user-42", "req-7", 1_717_171_717_123L, "ranker:2.1.0", 12.5,
            PredictionStatus.OK, 0.87, "buy", false, Map.of("country", "DE", "device", "ios"));

    static final PredictionEvent MINIMAL_PREDICTION = new PredictionEvent(
            "ev-2", EXPERIMENT, "control", "user-43", "req-8", 1_717_171_717_000L, null, 0.0,
            PredictionStatus.TIMEOUT, null, null, true, Map.of());

    static final OutcomeEvent FULL_OUTCOME = new OutcomeEvent(
            "out-1", "req-7", "user-42", 1_717_171_800_000L, EXPERIMENT, "buy",
            Map.of("converted", 1.0, "revenue", 19.99));

    static final OutcomeEvent MINIMAL_OUTCOME = new OutcomeEvent(
            "out-2", "req-8", "user-43", 1_717_171_800_001L, null, null, Map.of());

    /** A valid prediction as text, in a fixed key order so that tests can edit it. */
    static final String PREDICTION_JSON = """
            {"event_id":"ev-1","experiment_id":"ranker-2024","variant":"challenger","unit_id":"user-42",\
            "request_id":"req-7","event_time":1717171717123,"model_version":"ranker:2.1.0","latency_ms":12.5,\
            "status":"ok","score":0.87,"predicted_label":"buy","served":false,\
            "attributes":{"country":"DE","device":"ios"}}""";

    /** A valid outcome as text, in a fixed key order so that tests can edit it. */
    static final String OUTCOME_JSON = """
            {"event_id":"out-1","request_id":"req-7","unit_id":"user-42","event_time":1717171800000,\
            "experiment_id":"ranker-2024","label":"buy","values":{"converted":1,"revenue":19.99}}""";

    private TestEvents() {}

    static ExperimentConfig experiment(String id, String control, String challenger) {
        return new ExperimentConfig(
                id,
                id + "-salt",
                List.of(new Variant(control, 50, true, null), new Variant(challenger, 50, false, null)),
                TargetingRule.EVERYONE,
                List.of(),
                List.of(new MetricSpec("conversion", MetricSpec.MetricKind.PROPORTION, "values.converted", null,
                        MetricSpec.Direction.HIGHER_IS_BETTER, true, null)),
                List.<GuardrailSpec>of(),
                Duration.ofHours(24),
                Duration.ofMinutes(10),
                0.05,
                0.8,
                0.02,
                1000,
                Duration.ofDays(7),
                MultipleTestingCorrection.HOLM,
                List.of());
    }
}
