package io.abtest.jobs.synthetic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.abtest.event.EventJson;
import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The kinds of bad input of CONTRACT.md section 1, each made from a valid event by one deliberate break, so that
 * the validator's first (and only) problem is the expected reason. The generator cycles through them in declaration
 * order; kinds that exist for predictions only break a prediction, the others alternate predictions and outcomes.
 */
public enum MalformedKind {
    /** The last third of the text cut off: a JSON syntax error. */
    NOT_JSON(RejectReason.MALFORMED_JSON, false),
    /** {@code unit_id} removed. */
    MISSING_FIELD(RejectReason.MISSING_FIELD, false),
    /** {@code event_time} written as an ISO-8601 string instead of epoch milliseconds. */
    WRONG_TYPE(RejectReason.WRONG_TYPE, false),
    /** {@code latency_ms} below zero. */
    NEGATIVE_LATENCY(RejectReason.NEGATIVE_LATENCY, true),
    /** {@code experiment_id} naming no configured experiment. */
    UNKNOWN_EXPERIMENT(RejectReason.UNKNOWN_EXPERIMENT, false),
    /** {@code variant} naming no variant of the experiment. */
    UNKNOWN_VARIANT(RejectReason.UNKNOWN_VARIANT, true);

    /** Suffix that makes an experiment id, and a variant name, unknown. */
    static final String UNKNOWN_SUFFIX = "-unknown";

    private final RejectReason expectedReason;
    private final boolean predictionsOnly;

    MalformedKind(RejectReason expectedReason, boolean predictionsOnly) {
        this.expectedReason = expectedReason;
        this.predictionsOnly = predictionsOnly;
    }

    public RejectReason expectedReason() {
        return expectedReason;
    }

    /** True when the break needs a prediction field ({@code latency_ms}, {@code variant}). */
    public boolean predictionsOnly() {
        return predictionsOnly;
    }

    String breakPrediction(PredictionEvent event) {
        return switch (this) {
            case NEGATIVE_LATENCY -> EventJson.write(withLatency(event, -1 - event.latencyMs()));
            case UNKNOWN_VARIANT -> EventJson.write(withVariant(event, event.variant() + UNKNOWN_SUFFIX));
            case UNKNOWN_EXPERIMENT -> EventJson.write(withExperiment(event, event.experimentId() + UNKNOWN_SUFFIX));
            default -> breakText(EventJson.write(event), event.eventTime());
        };
    }

    String breakOutcome(OutcomeEvent event) {
        if (predictionsOnly) {
            throw new IllegalStateException(this + " breaks predictions only");
        }
        if (this == UNKNOWN_EXPERIMENT) {
            return EventJson.write(new OutcomeEvent(event.eventId(), event.requestId(), event.unitId(),
                    event.eventTime(), event.experimentId() + UNKNOWN_SUFFIX, event.label(), event.values()));
        }
        return breakText(EventJson.write(event), event.eventTime());
    }

    private String breakText(String json, long eventTime) {
        if (this == NOT_JSON) {
            return json.substring(0, json.length() * 2 / 3);
        }
        ObjectNode tree = tree(json);
        if (this == MISSING_FIELD) {
            tree.remove("unit_id");
        } else {
            tree.put("event_time", java.time.Instant.ofEpochMilli(eventTime).toString());
        }
        return tree.toString();
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) EventJson.reader().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("EventJson wrote text it cannot read: " + json, e);
        }
    }

    private static PredictionEvent withLatency(PredictionEvent e, double latencyMs) {
        return new PredictionEvent(e.eventId(), e.experimentId(), e.variant(), e.unitId(), e.requestId(),
                e.eventTime(), e.modelVersion(), latencyMs, e.status(), e.score(), e.predictedLabel(), e.served(),
                e.attributes());
    }

    private static PredictionEvent withVariant(PredictionEvent e, String variant) {
        return new PredictionEvent(e.eventId(), e.experimentId(), variant, e.unitId(), e.requestId(),
                e.eventTime(), e.modelVersion(), e.latencyMs(), e.status(), e.score(), e.predictedLabel(), e.served(),
                e.attributes());
    }

    private static PredictionEvent withExperiment(PredictionEvent e, String experimentId) {
        return new PredictionEvent(e.eventId(), experimentId, e.variant(), e.unitId(), e.requestId(),
                e.eventTime(), e.modelVersion(), e.latencyMs(), e.status(), e.score(), e.predictedLabel(), e.served(),
                e.attributes());
    }
}
