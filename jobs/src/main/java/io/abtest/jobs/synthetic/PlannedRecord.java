package io.abtest.jobs.synthetic;

import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.jobs.analysis.records.EventKind;

/**
 * A generated record before its text is rendered: the event object (or the broken text), so that a million-record
 * stream does not hold a million JSON strings at once.
 *
 * @param arrival sort key of the arrival order: event time plus a bounded random delay
 * @param payload a {@link PredictionEvent}, an {@link OutcomeEvent} or, for a broken record, its text
 */
record PlannedRecord(long arrival, long eventTime, EventKind kind, Truth truth, String unitId, Object payload) {

    SyntheticRecord render() {
        String json;
        if (payload instanceof PredictionEvent prediction) {
            json = EventJson.write(prediction);
        } else if (payload instanceof OutcomeEvent outcome) {
            json = EventJson.write(outcome);
        } else {
            json = (String) payload;
        }
        return new SyntheticRecord(kind, json, eventTime, truth, unitId);
    }
}
