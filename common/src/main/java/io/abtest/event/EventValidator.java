package io.abtest.event;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.abtest.config.ExperimentConfig;
import java.util.Map;

/**
 * Turns the raw text of one input record into a {@link PredictionEvent} or {@link OutcomeEvent}, or into a
 * {@link Rejection} naming the field and the problem (CONTRACT.md section 1, "Bad input"). It never throws on any
 * input (null, empty, binary garbage, huge, deeply nested): bad records are values, which the job sends to the
 * dead-letter output and counts.
 *
 * <p>Checks, in order; the first failing one is reported:
 * <ol>
 *   <li>the text is exactly one JSON value ({@link RejectReason#MALFORMED_JSON}; settings in {@link EventJson});
 *   <li>that value is an object ({@link RejectReason#NOT_AN_OBJECT});
 *   <li>required fields, types, then values, each in contract order ({@link EventSchema}); values include the
 *       range of {@code event_time} ({@link #EARLIEST_EVENT_TIME}) and of numbers ({@link #MAX_NUMBER_MAGNITUDE});
 *   <li>the {@code experiment_id} is configured ({@link RejectReason#UNKNOWN_EXPERIMENT}; for outcomes only when
 *       present, as the contract makes it optional there);
 *   <li>a prediction's {@code variant} belongs to that experiment ({@link RejectReason#UNKNOWN_VARIANT}).
 * </ol>
 * An accepted event has {@code served = true} when the field is absent or null, and empty maps for absent
 * {@code attributes}/{@code values}.
 *
 * <p>Immutable and thread-safe. Not {@link java.io.Serializable} (the configuration records are not): a Flink
 * function builds it in {@code open()}.
 */
public final class EventValidator {

    /**
     * The earliest {@code event_time} accepted, 2000-01-01T00:00:00Z: older times predate any event this system can
     * have produced, and are what a time in seconds read as milliseconds looks like (January 1970). Such a record
     * would otherwise open windows and analysis points decades (or, near {@link Long#MIN_VALUE}, millions of years)
     * before the experiment, wherever no watermark has yet passed it: always in a batch rerun.
     */
    public static final long EARLIEST_EVENT_TIME = 946_684_800_000L;

    /**
     * The largest magnitude of a number field ({@code latency_ms}, {@code score}, {@code values.*}), 2^53: up to it a
     * double holds every integer, and the statistics' sums over at most 2^53 units (of values: below 2^106, of
     * squares: below 2^159) and products of two such sums (below 2^318) stay far below the largest double (2^1024).
     */
    public static final double MAX_NUMBER_MAGNITUDE = 0x1p53;

    /** Raw-text chars kept per rejected record unless configured otherwise: enough for any sane event. */
    public static final int DEFAULT_MAX_RAW_CHARS = 4096;

    private static final int MAX_SYNTAX_MESSAGE_CHARS = 300;

    private final Map<String, ExperimentConfig> experiments;
    private final int maxRawChars;

    /** A validator keeping {@link #DEFAULT_MAX_RAW_CHARS} chars of rejected records. */
    public EventValidator(Map<String, ExperimentConfig> experiments) {
        this(experiments, DEFAULT_MAX_RAW_CHARS);
    }

    /**
     * @param experiments the known experiments, keyed by experiment id
     * @param maxRawChars UTF-16 chars of raw text a rejection keeps, >= 0
     */
    public EventValidator(Map<String, ExperimentConfig> experiments, int maxRawChars) {
        if (maxRawChars < 0) {
            throw new IllegalArgumentException("maxRawChars must be >= 0, was " + maxRawChars);
        }
        this.experiments = Map.copyOf(experiments);
        this.maxRawChars = maxRawChars;
    }

    public int maxRawChars() {
        return maxRawChars;
    }

    public Validated<PredictionEvent> prediction(String json) {
        try {
            return prediction(readTree(json), json);
        } catch (JsonProcessingException e) {
            return new Validated.Rejected<>(malformed(e, json));
        }
    }

    public Validated<OutcomeEvent> outcome(String json) {
        try {
            return outcome(readTree(json), json);
        } catch (JsonProcessingException e) {
            return new Validated.Rejected<>(malformed(e, json));
        }
    }

    /**
     * Validates a tree someone else parsed (the Flink job, a Parquet row converted to a tree). Parse with
     * {@link EventJson#reader()} so that trailing content and duplicate keys are rejected as here.
     *
     * @param node the parsed value; null counts as malformed text
     * @param rawText the record's text, kept (truncated) in a rejection
     */
    public Validated<PredictionEvent> prediction(JsonNode node, String rawText) {
        Rejection notObject = notAnObject(node, rawText);
        if (notObject != null) {
            return new Validated.Rejected<>(notObject);
        }
        FieldProblem problem = EventSchema.PREDICTION.firstProblem(node);
        if (problem != null) {
            return rejected(problem, rawText);
        }
        CheckedObject fields = new CheckedObject(node);
        PredictionEvent event = new PredictionEvent(
                fields.text("event_id"),
                fields.text("experiment_id"),
                fields.text("variant"),
                fields.text("unit_id"),
                fields.text("request_id"),
                fields.epochMillis("event_time"),
                fields.text("model_version"),
                fields.number("latency_ms"),
                PredictionStatus.fromWireName(fields.text("status")),
                fields.optionalNumber("score"),
                fields.text("predicted_label"),
                fields.flag("served", true),
                fields.textMap("attributes"));
        ExperimentConfig experiment = experiments.get(event.experimentId());
        if (experiment == null) {
            return rejected(unknownExperiment(), rawText);
        }
        if (experiment.variant(event.variant()).isEmpty()) {
            return rejected(new FieldProblem(RejectReason.UNKNOWN_VARIANT, "variant",
                    "not a variant of experiment " + event.experimentId()), rawText);
        }
        return new Validated.Accepted<>(event);
    }

    /** As {@link #prediction(JsonNode, String)}, for outcomes. */
    public Validated<OutcomeEvent> outcome(JsonNode node, String rawText) {
        Rejection notObject = notAnObject(node, rawText);
        if (notObject != null) {
            return new Validated.Rejected<>(notObject);
        }
        FieldProblem problem = EventSchema.OUTCOME.firstProblem(node);
        if (problem != null) {
            return rejected(problem, rawText);
        }
        CheckedObject fields = new CheckedObject(node);
        OutcomeEvent event = new OutcomeEvent(
                fields.text("event_id"),
                fields.text("request_id"),
                fields.text("unit_id"),
                fields.epochMillis("event_time"),
                fields.text("experiment_id"),
                fields.text("label"),
                fields.numberMap("values"));
        if (event.experimentId() != null && !experiments.containsKey(event.experimentId())) {
            return rejected(unknownExperiment(), rawText);
        }
        return new Validated.Accepted<>(event);
    }

    /** The tree of {@code json}; null for null text, a missing node for empty or blank text. */
    private static JsonNode readTree(String json) throws JsonProcessingException {
        return json == null ? null : EventJson.reader().readTree(json);
    }

    private Rejection notAnObject(JsonNode node, String rawText) {
        if (node == null || node.isMissingNode()) {
            return reject(RejectReason.MALFORMED_JSON, null, "no JSON value (null, empty or blank text)", rawText);
        }
        if (!node.isObject()) {
            return reject(RejectReason.NOT_AN_OBJECT, null, "expected a JSON object, found " + node.getNodeType(),
                    rawText);
        }
        return null;
    }

    private static FieldProblem unknownExperiment() {
        return new FieldProblem(
                RejectReason.UNKNOWN_EXPERIMENT, "experiment_id", "no experiment with this id is configured");
    }

    private <T> Validated<T> rejected(FieldProblem problem, String rawText) {
        return new Validated.Rejected<>(reject(problem.reason(), problem.field(), problem.detail(), rawText));
    }

    private Rejection reject(RejectReason reason, String field, String detail, String rawText) {
        return Rejection.of(reason, field, detail, rawText, maxRawChars);
    }

    /** Jackson's message and position; the message may quote the bad token, so it is capped. */
    private Rejection malformed(JsonProcessingException e, String json) {
        String message = RawText.of(String.valueOf(e.getOriginalMessage()), MAX_SYNTAX_MESSAGE_CHARS).text();
        JsonLocation location = e.getLocation();
        String detail = location == null
                ? "not valid JSON: " + message
                : "not valid JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                        + message;
        return reject(RejectReason.MALFORMED_JSON, null, detail, json);
    }
}
