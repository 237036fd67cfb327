package io.abtest.jobs.analysis.source;

import io.abtest.event.EventValidator;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import io.abtest.event.Rejection;
import io.abtest.event.Validated;
import io.abtest.jobs.analysis.ExperimentCatalog;
import io.abtest.jobs.analysis.records.EventKind;
import io.abtest.jobs.analysis.records.InputRecord;

/**
 * The one place a JSON record (a Kafka record's value, a JSON-lines line) is parsed: common's {@link EventValidator}
 * turns its text into the accepted event, kept with the text if the source asks for it, or into the rejection. An
 * accepted event whose {@code event_time} is further ahead of the wall clock than {@link MaxEventTimeSkew} allows is
 * rejected as {@code FUTURE_EVENT_TIME}. A record without a kind (which no source of this job produces) is rejected
 * as {@code MALFORMED_JSON}, as no schema applies. Never throws on a record. Not serializable (the validator is not):
 * sources build it when they open.
 */
public final class JsonEventReader {

    private final EventValidator validator;
    private final boolean keepText;
    private final MaxEventTimeSkew skew;

    /**
     * Keeps the text of accepted records and {@link EventValidator#DEFAULT_MAX_RAW_CHARS} of rejected ones; the
     * default {@link MaxEventTimeSkew}.
     */
    public JsonEventReader(ExperimentCatalog catalog) {
        this(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, true, MaxEventTimeSkew.byDefault());
    }

    /**
     * @param maxRawChars raw-text chars a rejection keeps
     * @param keepText whether an accepted record keeps its text, for a later dead-letter verdict (late); without it
     *     such a verdict renders the event ({@link io.abtest.jobs.analysis.records.ValidEvent#rawText()})
     * @param skew how far ahead of the wall clock an event time may be
     */
    public JsonEventReader(ExperimentCatalog catalog, int maxRawChars, boolean keepText, MaxEventTimeSkew skew) {
        this.validator = new EventValidator(catalog.configs(), maxRawChars);
        this.keepText = keepText;
        this.skew = skew;
    }

    public InputRecord read(EventKind kind, String source, String text) {
        if (kind == EventKind.PREDICTION) {
            Validated<PredictionEvent> result = validator.prediction(text);
            if (!(result instanceof Validated.Accepted<PredictionEvent> accepted)) {
                return InputRecord.rejected(kind, source, result.rejection());
            }
            return skew.admits(accepted.event().eventTime())
                    ? InputRecord.of(accepted.event(), source, keepText ? text : null)
                    : future(kind, source, accepted.event().eventTime(), text);
        }
        if (kind == EventKind.OUTCOME) {
            Validated<OutcomeEvent> result = validator.outcome(text);
            if (!(result instanceof Validated.Accepted<OutcomeEvent> accepted)) {
                return InputRecord.rejected(kind, source, result.rejection());
            }
            return skew.admits(accepted.event().eventTime())
                    ? InputRecord.of(accepted.event(), source, keepText ? text : null)
                    : future(kind, source, accepted.event().eventTime(), text);
        }
        return InputRecord.rejected(null, source, Rejection.of(RejectReason.MALFORMED_JSON, null,
                "record has no event kind, so no schema applies", text, validator.maxRawChars()));
    }

    private InputRecord future(EventKind kind, String source, long eventTime, String text) {
        return InputRecord.rejected(kind, source, skew.rejection(eventTime, text, validator.maxRawChars()));
    }
}
