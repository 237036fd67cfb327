package io.abtest.jobs.analysis.records;

import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An event that passed validation: exactly one of {@code prediction} and {@code outcome} is set.
 *
 * <p>{@code source} and {@code raw} serve only the input stage's last dead-letter verdict (late); the stage drops
 * them ({@link #withoutInput()}) before the keyed operators, which would otherwise shuffle, sort (batch) and store
 * the record's text with every event.
 *
 * <p>Serialized by {@link ValidEventSerializer}, not as a POJO: the sorter of a batch rerun copies it as bytes.
 *
 * @param source the topic or file it was read from; null once past the input stage
 * @param raw its text; null when the source had none (Parquet, JSON lines) or once past the input stage
 */
@TypeInfo(ValidEventSerializer.TypeFactory.class)
public record ValidEvent(EventKind kind, PredictionEvent prediction, OutcomeEvent outcome, String source, String raw) {

    public static ValidEvent of(PredictionEvent prediction, String source, String raw) {
        return new ValidEvent(EventKind.PREDICTION, prediction, null, source, raw);
    }

    public static ValidEvent of(OutcomeEvent outcome, String source, String raw) {
        return new ValidEvent(EventKind.OUTCOME, null, outcome, source, raw);
    }

    /** The same event without its source and text. */
    public ValidEvent withoutInput() {
        return new ValidEvent(kind, prediction, outcome, null, null);
    }

    /** The record's text for a dead-letter row: as read, or, from a source without text, the event as JSON. */
    public String rawText() {
        if (raw != null) {
            return raw;
        }
        return kind == EventKind.PREDICTION ? EventJson.write(prediction) : EventJson.write(outcome);
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
