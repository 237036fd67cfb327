package io.abtest.jobs.analysis;

import static io.abtest.event.RejectReason.EMPTY_FIELD;
import static io.abtest.event.RejectReason.EVENT_TIME_BEFORE_2000;
import static io.abtest.event.RejectReason.FUTURE_EVENT_TIME;
import static io.abtest.event.RejectReason.INVALID_STATUS;
import static io.abtest.event.RejectReason.MALFORMED_JSON;
import static io.abtest.event.RejectReason.MISSING_FIELD;
import static io.abtest.event.RejectReason.NEGATIVE_LATENCY;
import static io.abtest.event.RejectReason.NOT_AN_OBJECT;
import static io.abtest.event.RejectReason.NUMBER_OUT_OF_RANGE;
import static io.abtest.event.RejectReason.UNKNOWN_EXPERIMENT;
import static io.abtest.event.RejectReason.UNKNOWN_VARIANT;
import static io.abtest.event.RejectReason.WRONG_TYPE;

import io.abtest.event.RejectReason;
import io.abtest.jobs.synthetic.KafkaTrafficPublisher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records that could crash, loop or skew an operator after the sources, or move a watermark: times
 * at the ends of the long range and in the wrong unit, numbers whose sums overflow, hostile JSON, bytes that are not
 * UTF-8, tombstones, ids of the wrong type or empty, unknown experiments and variants, and one valid record of
 * absurd size. Each names the reason it must be dead-lettered with. Every event is of experiment {@code ranker-v2}
 * (AnalysisJobITCase's), timed inside its traffic's hour unless the time is the point, with ids no traffic uses.
 */
public final class PoisonRecords {

    private static final String PREDICTIONS = KafkaTrafficPublisher.PREDICTIONS_TOPIC;
    private static final String OUTCOMES = KafkaTrafficPublisher.OUTCOMES_TOPIC;

    private final long inTraffic;
    private final long now;
    private final List<PoisonRecord> records = new ArrayList<>();

    private PoisonRecords(Instant trafficStart, long now) {
        this.inTraffic = trafficStart.plus(Duration.ofMinutes(1)).toEpochMilli();
        this.now = now;
    }

    /** The catalogue, for traffic that starts at {@code trafficStart}, with future times relative to {@code now}. */
    public static List<PoisonRecord> catalogue(Instant trafficStart, long now) {
        return new PoisonRecords(trafficStart, now).build();
    }

    private List<PoisonRecord> build() {
        long month = Duration.ofDays(30).toMillis();
        long twoHours = Duration.ofHours(2).toMillis();
        long micros = inTraffic * 1_000;
        // First in every partition, so that each partition's watermark would jump if its time reached it.
        for (int partition = 0; partition < 2; partition++) {
            prediction("a month ahead, first in partition " + partition, partition,
                    Map.of("event_time", Long.toString(now + month)), FUTURE_EVENT_TIME);
            outcome("two hours ahead, first in partition " + partition, partition,
                    Map.of("event_time", Long.toString(now + twoHours)), FUTURE_EVENT_TIME);
        }
        prediction("microseconds as milliseconds", 0, Map.of("event_time", Long.toString(micros)), FUTURE_EVENT_TIME);
        outcome("nanoseconds as milliseconds", 1, Map.of("event_time", Long.toString(micros * 1_000)),
                FUTURE_EVENT_TIME);
        prediction("Long.MAX_VALUE", 1, Map.of("event_time", Long.toString(Long.MAX_VALUE)), FUTURE_EVENT_TIME);
        outcome("Long.MAX_VALUE - 1", 0, Map.of("event_time", Long.toString(Long.MAX_VALUE - 1)), FUTURE_EVENT_TIME);
        prediction("Long.MIN_VALUE", 0, Map.of("event_time", Long.toString(Long.MIN_VALUE)), EVENT_TIME_BEFORE_2000);
        outcome("Long.MIN_VALUE + 1", 1, Map.of("event_time", Long.toString(Long.MIN_VALUE + 1)),
                EVENT_TIME_BEFORE_2000);
        prediction("negative", 1, Map.of("event_time", "-1"), EVENT_TIME_BEFORE_2000);
        outcome("zero", 0, Map.of("event_time", "0"), EVENT_TIME_BEFORE_2000);
        prediction("seconds as milliseconds", 0, Map.of("event_time", Long.toString(inTraffic / 1_000)),
                EVENT_TIME_BEFORE_2000);
        prediction("event_time beyond a long", 1, Map.of("event_time", "9223372036854775808"), WRONG_TYPE);
        prediction("event_time as a string", 0, Map.of("event_time", "\"" + inTraffic + "\""), WRONG_TYPE);
        prediction("latency NaN as a string", 1, Map.of("latency_ms", "\"NaN\""), WRONG_TYPE);
        prediction("latency NaN literal", 0, Map.of("latency_ms", "NaN"), MALFORMED_JSON);
        prediction("latency Infinity literal", 1, Map.of("latency_ms", "Infinity"), MALFORMED_JSON);
        prediction("latency overflowing a double", 0, Map.of("latency_ms", "1e400"), WRONG_TYPE);
        prediction("latency 1e308", 1, Map.of("latency_ms", "1e308"), NUMBER_OUT_OF_RANGE);
        prediction("score -1e300", 0, Map.of("score", "-1e300"), NUMBER_OUT_OF_RANGE);
        outcome("revenue 1e308", 1, Map.of("values", "{\"converted\":1,\"revenue\":1e308}"), NUMBER_OUT_OF_RANGE);
        outcome("revenue -1.7e308", 0, Map.of("values", "{\"revenue\":-1.7e308}"), NUMBER_OUT_OF_RANGE);
        prediction("number as unit_id", 1, Map.of("unit_id", "42"), WRONG_TYPE);
        prediction("string as latency", 0, Map.of("latency_ms", "\"12\""), WRONG_TYPE);
        prediction("empty unit_id", 1, Map.of("unit_id", "\"\""), EMPTY_FIELD);
        prediction("whitespace experiment_id", 0, Map.of("experiment_id", "\" \\t \""), EMPTY_FIELD);
        prediction("blank event_id", 1, Map.of("event_id", "\" \""), EMPTY_FIELD);
        outcome("empty outcome unit_id", 0, Map.of("unit_id", "\"\""), EMPTY_FIELD);
        outcome("empty outcome experiment_id", 1, Map.of("experiment_id", "\"\""), UNKNOWN_EXPERIMENT);
        prediction("unknown experiment", 0, Map.of("experiment_id", "\"ranker-v9\""), UNKNOWN_EXPERIMENT);
        prediction("unknown variant", 1, Map.of("variant", "\"challenger-2\""), UNKNOWN_VARIANT);
        outcome("outcome of an unknown experiment", 0, Map.of("experiment_id", "\"nope\""), UNKNOWN_EXPERIMENT);
        prediction("status in capitals", 1, Map.of("status", "\"OK\""), INVALID_STATUS);
        prediction("negative latency", 0, Map.of("latency_ms", "-1"), NEGATIVE_LATENCY);
        Map<String, String> noTime = new LinkedHashMap<>();
        noTime.put("event_time", null);
        prediction("no event_time", 1, noTime, MISSING_FIELD);
        add("duplicate key", PREDICTIONS, 0, predictionJson(Map.of()).replace("\"status\":\"ok\"",
                "\"status\":\"ok\",\"status\":\"error\""), MALFORMED_JSON);
        add("nesting 5000 deep", PREDICTIONS, 1, predictionJson(Map.of("attributes",
                "[".repeat(5_000) + "]".repeat(5_000))), MALFORMED_JSON);
        add("an array", OUTCOMES, 1, "[" + outcomeJson(Map.of()) + "]", NOT_AN_OBJECT);
        records.add(new PoisonRecord("invalid UTF-8 in unit_id", PREDICTIONS, 0,
                concat(predictionJson(Map.of("unit_id", "\"poison-unit-\u0001\"")), (byte) 0x01, (byte) 0xC3,
                        (byte) 0x28), MALFORMED_JSON));
        records.add(new PoisonRecord("binary garbage", OUTCOMES, 0,
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2, (byte) 0x80}, MALFORMED_JSON));
        records.add(new PoisonRecord("tombstone", PREDICTIONS, 1, null, MALFORMED_JSON));
        records.add(new PoisonRecord("tombstone", OUTCOMES, 1, null, MALFORMED_JSON));
        add("huge valid outcome of no experiment, matching nothing", OUTCOMES, 0, hugeOutcome(), null);
        return List.copyOf(records);
    }

    /** The {@code \u0001} placeholder in {@code json} replaced by {@code bytes}, which need not be UTF-8. */
    private static byte[] concat(String json, byte... bytes) {
        String[] parts = json.split("\u0001");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** About 0.7 MB: 200,000-char ids, a 100,000-char label, 5,000 values; the job keys state by such ids. */
    private String hugeOutcome() {
        StringBuilder values = new StringBuilder("{");
        for (int i = 0; i < 5_000; i++) {
            values.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":").append(i % 7);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", "\"poison-huge-" + "e".repeat(200_000) + "\"");
        fields.put("request_id", "\"poison-huge-" + "r".repeat(200_000) + "\"");
        fields.put("unit_id", "\"poison-huge-" + "u".repeat(100_000) + "\"");
        fields.put("experiment_id", null);
        fields.put("label", "\"" + "l".repeat(100_000) + "\"");
        fields.put("values", values.append("}").toString());
        return outcomeJson(fields);
    }

    private void prediction(String name, int partition, Map<String, String> edits, RejectReason expected) {
        add(name, PREDICTIONS, partition, predictionJson(edits), expected);
    }

    private void outcome(String name, int partition, Map<String, String> edits, RejectReason expected) {
        add(name, OUTCOMES, partition, outcomeJson(edits), expected);
    }

    private void add(String name, String topic, int partition, String json, RejectReason expected) {
        records.add(PoisonRecord.of(name, topic, partition, json, expected));
    }

    private String predictionJson(Map<String, String> edits) {
        int n = records.size();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", "\"poison-" + n + "\"");
        fields.put("experiment_id", "\"ranker-v2\"");
        fields.put("variant", "\"challenger\"");
        fields.put("unit_id", "\"poison-unit-" + n + "\"");
        fields.put("request_id", "\"poison-request-" + n + "\"");
        fields.put("event_time", Long.toString(inTraffic));
        fields.put("latency_ms", "10.5");
        fields.put("status", "\"ok\"");
        fields.put("score", "0.5");
        fields.put("attributes", "{\"country\":\"DE\"}");
        fields.putAll(edits);
        return json(fields);
    }

    private String outcomeJson(Map<String, String> edits) {
        int n = records.size();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("event_id", "\"poison-" + n + "\"");
        fields.put("request_id", "\"poison-request-" + n + "\"");
        fields.put("unit_id", "\"poison-unit-" + n + "\"");
        fields.put("event_time", Long.toString(inTraffic + 1_000));
        fields.put("experiment_id", "\"ranker-v2\"");
        fields.put("values", "{\"converted\":1,\"revenue\":5.0}");
        fields.putAll(edits);
        return json(fields);
    }

    /** An object of the given raw JSON values, in order; a null value leaves its field out. */
    private static String json(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value != null) {
                json.append(json.length() == 1 ? "" : ",").append('"').append(name).append("\":").append(value);
            }
        });
        return json.append('}').toString();
    }
}
