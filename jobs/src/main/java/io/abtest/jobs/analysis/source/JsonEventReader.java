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
 * turns its text into the accepted event, kept with the text if the source asks for it, or into the rejection. A record without a kind (which
 * no source of this job produces) is rejected as {@code MALFORMED_JSON}, as no schema applies. Never throws on a
 * record. Not serializable (the validator is not): sources build it when they open.
 */
public final class JsonEventReader {

    private final EventValidator validator;
    private final boolean keepText;

    /** Keeps the text of accepted records and {@link EventValidator#DEFAULT_MAX_RAW_CHARS} of rejected ones. */
    public JsonEventReader(ExperimentCatalog catalog) {
        this(catalog, EventValidator.DEFAULT_MAX_RAW_CHARS, true);
    }

    /**
     * @param maxRawChars raw-text chars a rejection keeps
     * @param keepText whether an accepted record keeps its text, for a later dead-letter verdict (late); without it
     *     such a verdict renders the event ({@link io.abtest.jobs.analysis.records.ValidEvent#rawText()})
     */
    public JsonEventReader(ExperimentCatalog catalog, int maxRawChars, boolean keepText) {
        this.validator = new EventValidator(catalog.configs(), maxRawChars);
        this.keepText = keepText;
    }

    public InputRecord read(EventKind kind, String source, String text) {
        if (kind == EventKind.PREDICTION) {
            Validated<PredictionEvent> result = validator.prediction(text);
            return result instanceof Validated.Accepted<PredictionEvent> accepted
                    ? InputRecord.of(accepted.event(), source, keepText ? text : null)
                    : InputRecord.rejected(kind, source, result.rejection());
        }
        if (kind == EventKind.OUTCOME) {
            Validated<OutcomeEvent> result = validator.outcome(text);
            return result instanceof Validated.Accepted<OutcomeEvent> accepted
                    ? InputRecord.of(accepted.event(), source, keepText ? text : null)
                    : InputRecord.rejected(kind, source, result.rejection());
        }
        return InputRecord.rejected(null, source, Rejection.of(RejectReason.MALFORMED_JSON, null,
                "record has no event kind, so no schema applies", text, validator.maxRawChars()));
    }
}
