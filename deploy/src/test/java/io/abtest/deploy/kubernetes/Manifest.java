package io.abtest.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One YAML document of a file under deploy/kubernetes: where it comes from, and its tree. */
record Manifest(String source, JsonNode tree) {

    String apiVersion() {
        return tree.path("apiVersion").asText();
    }

    String kind() {
        return tree.path("kind").asText();
    }

    String name() {
        return tree.path("metadata").path("name").asText();
    }

    JsonNode spec() {
        return tree.path("spec");
    }

    /** The document at a JSON pointer, e.g. {@code /spec/job/args}; a missing node when absent. */
    JsonNode at(String pointer) {
        return tree.at(pointer);
    }

    List<String> jobArgs() {
        List<String> args = new ArrayList<>();
        spec().path("job").path("args").forEach(arg -> args.add(arg.asText()));
        return args;
    }

    String flinkConfiguration(String key) {
        JsonNode value = spec().path("flinkConfiguration").get(key);
        return value == null ? null : value.asText();
    }

    @Override
    public String toString() {
        return kind() + " " + name() + " (" + source + ")";
    }
}
