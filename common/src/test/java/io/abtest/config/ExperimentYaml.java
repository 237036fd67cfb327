package io.abtest.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A valid experiment file that uses every section, and edits of it: a test removes or replaces one value by
 * its problem path ({@code variants[1].weight}) and checks what the loader says about exactly that.
 */
final class ExperimentYaml {

    static final String SOURCE = "exp.yaml";

    static final String COMPLETE = """
            experiment_id: ranker-v2
            hash_salt: ranker-v2-2026-11
            variants:
              - name: champion
                weight: 50
                control: true
                model_version: ranker-1.4
              - name: challenger
                weight: 50
            targeting:
              all:
                - attribute: country
                  in: [US, CA]
                - attribute: tier
                  not_in: [internal]
            ramp_up:
              - at: 2026-11-25T09:00:00Z
                weights: {champion: 99, challenger: 1}
              - at: 2026-11-26T09:00:00Z
                weights: {champion: 90, challenger: 10}
              - at: 2026-11-27T09:00:00Z
                weights: {champion: 50, challenger: 50}
            metrics:
              - name: converted
                kind: proportion
                source: values.converted
                direction: higher_is_better
                primary: true
                covariate: values.pre_converted
              - name: revenue_per_request
                kind: ratio
                source: values.revenue
                denominator: requests
                direction: higher_is_better
              - name: latency
                kind: mean
                source: latency_ms
                direction: lower_is_better
            guardrails:
              - name: latency-p99
                metric: latency_p99
                threshold: 250
                comparison: greater_than
                window: 5m
                consecutive_breaches: 3
                severity: critical
                action: stop
              - name: error-rate
                metric: error_rate
                threshold: 0.02
                comparison: greater_than
                window: 10m
                severity: warning
                action: alert
              - metric: converted
                threshold: 0.01
                comparison: less_than
                window: 1h
                severity: info
                action: alert
            attribution_window: 24h
            allowed_lateness: 1h
            alpha: 0.05
            power: 0.8
            minimum_detectable_effect: 0.02
            minimum_sample_size: 1000
            minimum_duration: 7d
            multiple_testing_correction: holm
            segments: [country, device]
            """;

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[\\d+])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

    private ExperimentYaml() {}

    /** {@link #COMPLETE} without the key or list entry at {@code path}. */
    static String without(String path) {
        return edit(path, null, true);
    }

    /** {@link #COMPLETE} with {@code value} (a string, number, boolean, list or map) put at {@code path}. */
    static String with(String path, Object value) {
        return edit(path, value, false);
    }

    static ConfigException problemsOf(String yaml) {
        return assertThrows(ConfigException.class, () -> ExperimentConfigLoader.parse(yaml, SOURCE));
    }

    static ConfigException.Problem problem(String path, String message) {
        return new ConfigException.Problem(SOURCE, path, message);
    }

    private static String edit(String path, Object value, boolean remove) {
        try {
            JsonNode root = YAML.readTree(COMPLETE);
            JsonNode parent = root;
            String[] keys = path.split("\\.");
            for (int k = 0; k < keys.length; k++) {
                Matcher segment = SEGMENT.matcher(keys[k]);
                if (!segment.matches()) {
                    throw new IllegalArgumentException(path);
                }
                JsonNode node = parent.get(segment.group(1));
                Object last = segment.group(1);
                Matcher index = INDEX.matcher(segment.group(2));
                while (index.find()) {
                    parent = node;
                    last = Integer.parseInt(index.group(1));
                    node = node.get((Integer) last);
                }
                if (k == keys.length - 1) {
                    put(parent, last, value, remove);
                } else {
                    parent = node;
                }
            }
            return YAML.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(JsonNode parent, Object last, Object value, boolean remove) {
        JsonNode valueNode = YAML.valueToTree(value);
        if (last instanceof Integer i) {
            if (remove) {
                ((ArrayNode) parent).remove(i);
            } else {
                ((ArrayNode) parent).set(i, valueNode);
            }
        } else if (remove) {
            if (((ObjectNode) parent).remove((String) last) == null) {
                throw new IllegalArgumentException("nothing to remove at " + last);
            }
        } else {
            ((ObjectNode) parent).set((String) last, valueNode);
        }
    }
}
