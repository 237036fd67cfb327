package io.abtest.jobs.analysis;

import io.abtest.config.ExperimentConfig;
import io.abtest.config.ExperimentConfigLoader;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The experiments a job analyses, in a form Flink can ship to its tasks: the configuration files' texts travel
 * (they are Serializable), and each task parses them once, on first use. Loading checks every file first, so a job
 * never starts on a bad configuration.
 */
public final class ExperimentCatalog implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> textBySource;
    private transient Map<String, ExperimentConfig> configs;

    private ExperimentCatalog(Map<String, String> textBySource) {
        this.textBySource = textBySource;
        this.configs = parse(textBySource);
    }

    /** Every *.yaml, *.yml and *.json file of a directory, or one file. */
    public static ExperimentCatalog load(Path fileOrDirectory) {
        ExperimentConfigLoader.loadAll(fileOrDirectory);
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.isDirectory(fileOrDirectory) ? Files.list(fileOrDirectory).sorted()
                : Stream.of(fileOrDirectory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (!name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                    texts.put(file.toString(), Files.readString(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExperimentCatalog(texts);
    }

    /** From YAML (or JSON, a subset of YAML) texts, keyed by a name used in error messages. */
    public static ExperimentCatalog of(Map<String, String> yamlBySource) {
        return new ExperimentCatalog(new LinkedHashMap<>(yamlBySource));
    }

    /** Experiment id to configuration. */
    public Map<String, ExperimentConfig> configs() {
        if (configs == null) {
            configs = parse(textBySource);
        }
        return configs;
    }

    public ExperimentConfig config(String experimentId) {
        return configs().get(experimentId);
    }

    private static Map<String, ExperimentConfig> parse(Map<String, String> textBySource) {
        Map<String, ExperimentConfig> byId = new LinkedHashMap<>();
        textBySource.forEach((source, text) -> {
            ExperimentConfig config = ExperimentConfigLoader.parse(text, source);
            byId.put(config.experimentId(), config);
        });
        return Map.copyOf(byId);
    }
}
