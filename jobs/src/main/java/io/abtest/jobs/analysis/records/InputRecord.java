package io.abtest.jobs.analysis.records;

import io.abtest.event.OutcomeEvent;
import io.abtest.event.PredictionEvent;
import io.abtest.event.Rejection;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One input record as its source read it: parsed and validated once, where it was read (Kafka's deserializer, the
 * JSON-lines and Parquet readers), so that the timestamp assigner and the input stage only look at fields. Exactly
 * one of {@code prediction}, {@code outcome} and {@code rejection} is set.
 *
 * <p>Serialized by {@link InputRecordSerializer}, not as a POJO.
 *
 * @param kind prediction or outcome; null only for a rejection of a record no source could place
 * @param source the topic or file it was read from, for the dead-letter output
 * @param prediction the accepted prediction, or null
 * @param outcome the accepted outcome, or null
 * @param rejection why the record was rejected (with its truncated raw text), or null
 * @param text an accepted record's text, kept for a later dead-letter verdict (late); null when the source has no
 *     text (Parquet: {@link ValidEvent#rawText()} renders the event when needed)
 */
@TypeInfo(InputRecordSerializer.TypeFactory.class)
public record InputRecord(
        EventKind kind, String source, PredictionEvent prediction, OutcomeEvent outcome, Rejection rejection,
        String text) {

    public static InputRecord of(PredictionEvent prediction, String source, String text) {
        return new InputRecord(EventKind.PREDICTION, source, prediction, null, null, text);
    }

    public static InputRecord of(OutcomeEvent outcome, String source, String text) {
        return new InputRecord(EventKind.OUTCOME, source, null, outcome, null, text);
    }

    public static InputRecord rejected(EventKind kind, String source, Rejection rejection) {
        return new InputRecord(kind, source, null, null, rejection, null);
    }

    public boolean accepted() {
        return rejection == null;
    }

    /**
     * The event time of an accepted record; {@link Long#MIN_VALUE} for a rejected one, which so never advances the
     * watermark.
     */
    public long eventTime() {
        if (prediction != null) {
            return prediction.eventTime();
        }
        return outcome != null ? outcome.eventTime() : Long.MIN_VALUE;
    }
}
