package io.abtest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Feeds random text, byte-level mutations of valid events and pathological shapes to the validator and checks that
 * it never throws, always keeps the raw-text limit, and only accepts what round-trips through {@link EventJson}.
 */
class EventValidatorFuzzTest {

    private static final long SEED = 20240611L;
    private static final int MAX_RAW_CHARS = 64;
    private static final String JSONISH = "{}[]\":,.-+eE0123456789 \t\n\\/truefalsnul_abcxyz";
    private static final String[] LITERALS = {
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-0.0", "99999999999999999999999", "\"\"", "\" \"",
        "\"ok\"", "\"control\"", "\"ranker-2024\"", "[]", "{}", "{\"k\":1}", "{\"k\":\"v\"}", "[1,\"a\"]"
    };
    private static final String[] FIELDS = {
        "event_id", "experiment_id", "variant", "unit_id", "request_id", "event_time", "model_version", "latency_ms",
        "status", "score", "predicted_label", "served", "attributes", "attributes.country", "label", "values",
        "values.revenue"
    };

    private final EventValidator validator = new EventValidator(TestEvents.EXPERIMENTS, MAX_RAW_CHARS);
    private final Set<RejectReason> reasonsSeen = EnumSet.noneOf(RejectReason.class);
    private int accepted;

    @Test
    void neverThrowsOnRandomInput() {
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            inputs.add(randomText(random, JSONISH, random.nextInt(200)));
            inputs.add(randomUtf16(random, random.nextInt(100)));
            inputs.add(mutate(random, random.nextBoolean() ? TestEvents.PREDICTION_JSON : TestEvents.OUTCOME_JSON));
            inputs.add(editField(random, TestEvents.PREDICTION_JSON));
            inputs.add(editField(random, TestEvents.OUTCOME_JSON));
        }
        inputs.addAll(pathologicalInputs());

        for (String input : inputs) {
            check(input);
        }

        assertTrue(accepted > 100, "too few accepted inputs to exercise the accept path: " + accepted);
        assertEquals(EnumSet.complementOf(EnumSet.of(RejectReason.LATE, RejectReason.FUTURE_EVENT_TIME)), reasonsSeen);
    }

    private void check(String input) {
        for (EventKind kind : EventKind.values()) {
            Validated<?> result = kind.validate(validator, input);
            assertNotNull(result);
            if (result.isAccepted()) {
                accepted++;
                assertRoundTrips(kind, result.event());
            } else {
                Rejection rejection = result.rejection();
                reasonsSeen.add(rejection.reason());
                assertTrue(rejection.rawText().length() <= MAX_RAW_CHARS);
                assertEquals(input != null && input.length() > MAX_RAW_CHARS, rejection.rawTruncated());
            }
        }
    }

    private void assertRoundTrips(EventKind kind, Object event) {
        if (kind == EventKind.PREDICTION) {
            assertEquals(event, validator.prediction(EventJson.write((PredictionEvent) event)).event());
        } else {
            assertEquals(event, validator.outcome(EventJson.write((OutcomeEvent) event)).event());
        }
    }

    private static List<String> pathologicalInputs() {
        List<String> inputs = new ArrayList<>();
        inputs.add(null);
        inputs.add("");
        inputs.add("[".repeat(100_000));
        inputs.add("{\"a\":".repeat(50_000));
        inputs.add("[".repeat(5_000) + "]".repeat(5_000));
        inputs.add(JsonEdits.with(TestEvents.PREDICTION_JSON, "trace", "[".repeat(900) + "]".repeat(900)));
        inputs.add(JsonEdits.with(TestEvents.PREDICTION_JSON, "event_id", "\"" + "x".repeat(2_000_000) + "\""));
        inputs.add(JsonEdits.with(TestEvents.PREDICTION_JSON, "latency_ms", "1" + "0".repeat(900)));
        inputs.add(TestEvents.PREDICTION_JSON.replace("12.5", "1" + "0".repeat(5_000)));
        inputs.add("{\"event_id\":\"" + "\\u0000".repeat(1000) + "\"}");
        inputs.add("\uFEFF" + TestEvents.OUTCOME_JSON);
        inputs.add("\uD800{}\uDC00");
        return inputs;
    }

    private static String mutate(Random random, String valid) {
        StringBuilder text = new StringBuilder(valid);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.deleteCharAt(at);
                case 1 -> text.insert(at, JSONISH.charAt(random.nextInt(JSONISH.length())));
                case 2 -> text.setCharAt(at, (char) random.nextInt(Character.MAX_VALUE + 1));
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + random.nextInt(20))));
            }
        }
        return text.toString();
    }

    private static String editField(Random random, String valid) {
        String field = FIELDS[random.nextInt(FIELDS.length)];
        if (random.nextInt(4) == 0) {
            return field.contains(".") ? valid : JsonEdits.without(valid, field);
        }
        String literal = LITERALS[random.nextInt(LITERALS.length)];
        boolean nestedInMissingMap = field.contains(".") && !valid.contains("\"" + field.split("\\.")[0] + "\"");
        return nestedInMissingMap ? valid : JsonEdits.with(valid, field, literal);
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String randomUtf16(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return text.toString();
    }
}
