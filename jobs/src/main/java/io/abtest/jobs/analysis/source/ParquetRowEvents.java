package io.abtest.jobs.analysis.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * A Parquet row, as the JSON object of its columns ({@link ParquetRowMaterializer}), judged by the same
 * {@link EventValidator} and rules as a JSON record, so a bad row gets the reason code the same event sent as JSON
 * would (an {@code event_time} beyond {@link MaxEventTimeSkew} included). Only a rejected row is rendered as text,
 * for its dead-letter row; an accepted one carries no text.
 *
 * <p>A row whose JSON-string column ({@code attributes}, {@code values}) holds text that is not JSON is
 * {@link RejectReason#MALFORMED_JSON}, naming that column, before any other check: as a JSON record's text is checked
 * before its fields.
 */
final class ParquetRowEvents {

    private final EventValidator validator;
    private final EventKind kind;
    private final String source;
    private final MaxEventTimeSkew skew;

    ParquetRowEvents(ExperimentCatalog catalog, EventKind kind, String source, MaxEventTimeSkew skew) {
        this.validator = new EventValidator(catalog.configs());
        this.kind = kind;
        this.source = source;
        this.skew = skew;
    }

    InputRecord of(ParquetRow parquetRow) {
        ObjectNode row = parquetRow.fields();
        if (parquetRow.malformedColumn() != null) {
            return rejected(new Rejection(RejectReason.MALFORMED_JSON, parquetRow.malformedColumn(),
                    parquetRow.malformedDetail(), "", false), row);
        }
        if (kind == EventKind.PREDICTION) {
            Validated<PredictionEvent> result = validator.prediction(row, null);
            if (!(result instanceof Validated.Accepted<PredictionEvent> accepted)) {
                return rejected(result.rejection(), row);
            }
            return skew.admits(accepted.event().eventTime())
                    ? InputRecord.of(accepted.event(), source, null)
                    : future(accepted.event().eventTime(), row);
        }
        Validated<OutcomeEvent> result = validator.outcome(row, null);
        if (!(result instanceof Validated.Accepted<OutcomeEvent> accepted)) {
            return rejected(result.rejection(), row);
        }
        return skew.admits(accepted.event().eventTime())
                ? InputRecord.of(accepted.event(), source, null)
                : future(accepted.event().eventTime(), row);
    }

    private InputRecord future(long eventTime, ObjectNode row) {
        return InputRecord.rejected(kind, source, skew.rejection(eventTime, row.toString(), validator.maxRawChars()));
    }

    private InputRecord rejected(Rejection rejection, ObjectNode row) {
        return InputRecord.rejected(kind, source, Rejection.of(rejection.reason(), rejection.field(),
                rejection.detail(), row.toString(), validator.maxRawChars()));
    }
}
