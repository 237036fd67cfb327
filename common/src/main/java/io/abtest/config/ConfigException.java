package io.abtest.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with one or more configuration files, found in one pass so that a user fixes them all
 * at once instead of one per run. The message holds one problem per line, each as
 * {@code <source>: <path>: <problem>}, e.g. {@code exp.yaml: variants[1].weight: must be a number >= 0, got "fifty"}.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * One problem with a configuration.
     *
     * @param source the file (or the source name given to {@link ExperimentConfigLoader#parse}) it is in
     * @param path where in the file, as keys and list indexes ({@code metrics[0].kind}); empty when it concerns
     *     the file as a whole (unreadable, not valid YAML, not a mapping)
     * @param message what is wrong, in words, naming the value found when there is one
     */
    public record Problem(String source, String path, String message) {

        /** The problem as one line of the exception message. */
        @Override
        public String toString() {
            return path.isEmpty() ? source + ": " + message : source + ": " + path + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /**
     * In the order found: within a mapping its unknown keys first, then its fields in the order the format lists
     * them; across the files of {@link ExperimentConfigLoader#loadAll}, file-name order.
     */
    public List<Problem> problems() {
        return problems;
    }
}
