package io.abtest.jobs.analysis.source;

import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.ExperimentCatalog;
import java.util.Map;

/** An experiment with two variants, and events of it that use every field, optional ones set and unset. */
final class EventFixtures {

    static final ExperimentCatalog CATALOG = ExperimentCatalog.of(Map.of("exp-1.yaml", """
            experiment_id: exp-1
            hash_salt: exp-1-salt
            variants:
              - name: control
                weight: 50
                control: true
              - name: treatment
                weight: 50
            metrics:
              - name: converted
                kind: proportion
                source: values.converted
                direction: higher_is_better
                primary: true
            minimum_detectable_effect: 0.02
            """));

    static final long T0 = 1_764_000_000_000L;

    static final PredictionEvent FULL_PREDICTION = new PredictionEvent("p-1", "exp-1", "treatment", "u-1", "r-1",
            T0, "ranker-1.4", 12.5, PredictionStatus.OK, 0.8125, "click", true,
            Map.of("country", "US", "device", "ios"));
    static final PredictionEvent SHADOW_PREDICTION = new PredictionEvent("p-2", "exp-1", "control", "u-2", "r-2",
            T0 + 1, null, 0.0, PredictionStatus.TIMEOUT, null, null, false, Map.of());
    /** At the edges the validator accepts: the earliest event time, the most negative score. */
    static final PredictionEvent ERROR_PREDICTION = new PredictionEvent("p-3", "exp-1", "control", "u-3", "r-3",
            EventValidator.EARLIEST_EVENT_TIME, null, 1.0E-9, PredictionStatus.ERROR,
            -EventValidator.MAX_NUMBER_MAGNITUDE, "", true, Map.of("tier", ""));

    static final OutcomeEvent FULL_OUTCOME = new OutcomeEvent("o-1", "r-1", "u-1", T0 + 60_000, "exp-1", "click",
            Map.of("converted", 1.0, "revenue", 19.99));
    static final OutcomeEvent BARE_OUTCOME = new OutcomeEvent("o-2", "r-9", "u-9", T0, null, null, Map.of());

    private EventFixtures() {}
}
