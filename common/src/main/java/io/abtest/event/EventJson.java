package io.abtest.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON form of the input events (CONTRACT.md section 1), on one shared Jackson mapper so that writers (serving
 * code, test producers, benchmarks) and the reader behind {@link EventValidator} agree on every setting.
 *
 * <p>Writing: compact, snake_case names from the records' {@code @JsonProperty} annotations, null optional fields
 * and empty {@code attributes}/{@code values} maps omitted, {@code served} always written. Jackson writes a
 * non-finite double (NaN, infinity) as a JSON string ({@code "NaN"}), which JSON numbers cannot express; the
 * validator then rejects that field as {@link RejectReason#WRONG_TYPE}, so such an event is dead-lettered, not lost.
 *
 * <p>Reading is strict where Jackson's defaults are lenient: content after the first value
 * ({@link DeserializationFeature#FAIL_ON_TRAILING_TOKENS}) and a key repeated in one object
 * ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}, which would otherwise keep the last value silently) are
 * syntax errors. Jackson's default {@code StreamReadConstraints} bound nesting depth (1000), number length and string
 * length, so hostile input fails fast as a syntax error.
 *
 * <p>The mapper is thread-safe; only immutable {@link ObjectReader}/{@link ObjectWriter} views are exposed, so no
 * caller can reconfigure it for the others.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .withConfigOverride(Map.class, override -> override.setIncludeAsProperty(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_NULL)))
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer();
    private static final ObjectReader READER = MAPPER.reader();

    private EventJson() {}

    public static String write(PredictionEvent event) {
        return writeValue(event);
    }

    public static String write(OutcomeEvent event) {
        return writeValue(event);
    }

    /**
     * The reader with this class's settings, for callers that parse the text themselves and then hand the tree to
     * {@link EventValidator#prediction(JsonNode, String)} or {@link EventValidator#outcome(JsonNode, String)}.
     */
    public static ObjectReader reader() {
        return READER;
    }

    private static String writeValue(Object event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // Unreachable for the event records (strings, numbers, booleans, string-keyed maps); kept unchecked.
            throw new UncheckedIOException("cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
