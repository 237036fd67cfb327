package io.abtest.jobs.analysis.records;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;

/**
 * An event that passed validation: exactly one of {@code prediction} and {@code outcome} is set.
 *
 * @param source the topic or file it was read from
 * @param raw its text, kept for a later dead-letter verdict (late, duplicate handling does not need it)
 */
public record ValidEvent(EventKind kind, PredictionEvent prediction, OutcomeEvent outcome, String source, String raw) {

    public static ValidEvent of(PredictionEvent prediction, String source, String raw) {
        return new ValidEvent(EventKind.PREDICTION, prediction, null, source, raw);
    }

    public static ValidEvent of(OutcomeEvent outcome, String source, String raw) {
        return new ValidEvent(EventKind.OUTCOME, null, outcome, source, raw);
    }

    public String eventId() {
        return kind == EventKind.PREDICTION ? prediction.eventId() : outcome.eventId();
    }

    public long eventTime() {
        return kind == EventKind.PREDICTION ? prediction.eventTime() : outcome.eventTime();
    }

    public String requestId() {
        return kind == EventKind.PREDICTION ? prediction.requestId() : outcome.requestId();
    }

    /** The experiment, when known: always for predictions, optional for outcomes. */
    public String experimentId() {
        return kind == EventKind.PREDICTION ? prediction.experimentId() : outcome.experimentId();
    }
}
