package io.abtest.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one source while the loader walks it, so that all of them are reported together. */
final class ProblemList {

    private final String source;
    private final List<ConfigException.Problem> problems = new ArrayList<>();

    ProblemList(String source) {
        this.source = source;
    }

    void add(String path, String message) {
        problems.add(new ConfigException.Problem(source, path, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
