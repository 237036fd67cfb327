package io.abtest.jobs.analysis.validate;

import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.PredictionStatus;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;
import io.abtest.jobs.analysis.records.ValidEvent;
import io.abtest.jobs.analysis.source.JsonEventReader;
import java.util.Map;

/** Valid events of {@link TestCatalog}'s experiments, as records, as JSON and as the input stage carries them. */
public final class TestEvents {

    public static final String PREDICTIONS = "ab.predictions";
    public static final String OUTCOMES = "ab.outcomes";

    /** 2024-06-01T00:00:00Z: a round event time to count from. */
    public static final long T0 = 1_717_200_000_000L;

    private static final JsonEventReader READER = new JsonEventReader(TestCatalog.CATALOG);

    private TestEvents() {}

    /** A served prediction of {@code ranker}, variant challenger. */
    public static PredictionEvent served(String eventId, String requestId, long eventTime) {
        return prediction(eventId, TestCatalog.RANKER, "challenger", requestId, eventTime, 0.8, "buy", true);
    }

    /** A shadow prediction of {@code ranker}, variant champion. */
    public static PredictionEvent shadow(String eventId, String requestId, long eventTime, Double score, String label) {
        return prediction(eventId, TestCatalog.RANKER, "champion", requestId, eventTime, score, label, false);
    }

    public static PredictionEvent prediction(String eventId, String experimentId, String variant, String requestId,
            long eventTime, Double score, String label, boolean served) {
        return new PredictionEvent(eventId, experimentId, variant, "unit-" + requestId, requestId, eventTime,
                "model-1", 12.5, PredictionStatus.OK, score, label, served, Map.of("country", "DE"));
    }

    /** An outcome naming {@code experimentId} (null: none), converted. */
    public static OutcomeEvent outcome(String eventId, String requestId, long eventTime, String experimentId) {
        return new OutcomeEvent(eventId, requestId, "unit-" + requestId, eventTime, experimentId, "buy",
                Map.of("converted", 1.0));
    }

    public static ValidEvent valid(PredictionEvent prediction) {
        return ValidEvent.of(prediction, PREDICTIONS, EventJson.write(prediction));
    }

    public static ValidEvent valid(OutcomeEvent outcome) {
        return ValidEvent.of(outcome, OUTCOMES, EventJson.write(outcome));
    }

    public static InputRecord raw(PredictionEvent prediction) {
        return input(EventKind.PREDICTION, PREDICTIONS, EventJson.write(prediction));
    }

    public static InputRecord raw(OutcomeEvent outcome) {
        return input(EventKind.OUTCOME, OUTCOMES, EventJson.write(outcome));
    }

    /** A record as a JSON source reads it: parsed and validated against {@link TestCatalog}. */
    public static InputRecord input(EventKind kind, String source, String text) {
        return READER.read(kind, source, text);
    }
}
