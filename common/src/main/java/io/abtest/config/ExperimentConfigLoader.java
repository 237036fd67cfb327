package io.abtest.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads experiment configuration files: one experiment per file, YAML ({@code .yaml}, {@code .yml}) or JSON
 * ({@code .json}), snake_case keys. The format, its defaults and its checks are documented in the README's
 * configuration reference; {@code deploy/experiments/ranker-v2.yaml} uses every field.
 *
 * <p>A file is read into a Jackson tree and walked field by field rather than bound to classes, so that each
 * problem names its path and all problems of a file are reported together in one {@link ConfigException}:
 * unknown keys (typos), missing required fields, wrong types, values out of range and inconsistencies between
 * fields. Nothing returns a partly valid configuration.
 *
 * <p>YAML is read as YAML 1.1 scalars by SnakeYAML (https://yaml.org/spec/1.1/), except that
 * {@code yes}/{@code no}/{@code on}/{@code off} stay strings ({@code in: [NO, SE]} means Norway and Sweden);
 * {@code true}/{@code false} are the booleans. A key given twice, or a second YAML document, is an error.
 */
public final class ExperimentConfigLoader {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ExperimentConfigLoader() {}

    /**
     * Reads one file; a {@code .json} file as JSON, any other as YAML. Problems name the file as given.
     *
     * @throws ConfigException listing every problem of the file, when it has any
     */
    public static ExperimentConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(
                    new ConfigException.Problem(file.toString(), "", "cannot read the file: " + describe(e))));
        }
        return read(isJson(file) ? JSON : YAML, text, new ProblemList(file.toString()));
    }

    /**
     * Reads YAML text; {@code sourceName} stands for it in problems.
     *
     * @throws ConfigException listing every problem of the text, when it has any
     */
    public static ExperimentConfig parse(String text, String sourceName) {
        return read(YAML, text, new ProblemList(sourceName));
    }

    /**
     * Reads every experiment of a directory (its {@code *.yaml}, {@code *.yml} and {@code *.json} files, not
     * subdirectories, not hidden files), or of a single file. All problems of all files are reported together,
     * and an experiment id defined in two files is one of them.
     *
     * @return by experiment id, in file-name order; empty for a directory without configuration files
     * @throws ConfigException listing every problem of every file, when there is any
     */
    public static Map<String, ExperimentConfig> loadAll(Path fileOrDirectory) {
        List<Path> files;
        try {
            files = Files.isDirectory(fileOrDirectory) ? configFilesIn(fileOrDirectory) : List.of(fileOrDirectory);
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    fileOrDirectory.toString(), "", "cannot list the directory: " + describe(e))));
        }
        Map<String, ExperimentConfig> byId = new LinkedHashMap<>();
        Map<String, Path> fileById = new LinkedHashMap<>();
        List<ConfigException.Problem> problems = new ArrayList<>();
        for (Path file : files) {
            ExperimentConfig config;
            try {
                config = load(file);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                continue;
            }
            Path earlier = fileById.putIfAbsent(config.experimentId(), file);
            if (earlier != null) {
                problems.add(new ConfigException.Problem(file.toString(), "experiment_id",
                        "duplicate experiment id \"" + config.experimentId() + "\", also defined in " + earlier));
            } else {
                byId.put(config.experimentId(), config);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return Collections.unmodifiableMap(byId);
    }

    private static ExperimentConfig read(ObjectMapper mapper, String text, ProblemList problems) {
        JsonNode tree = null;
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            problems.add("", describeSyntaxError(mapper == JSON ? "JSON" : "YAML", e));
        }
        ExperimentConfig config = tree == null ? null : ExperimentReader.read(tree, problems);
        problems.throwIfAny();
        return config;
    }

    private static List<Path> configFilesIn(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .filter(file -> isJson(file) || isYaml(file))
                    .sorted()
                    .toList();
        }
    }

    private static boolean isJson(Path file) {
        return lowerCaseName(file).endsWith(".json");
    }

    private static boolean isYaml(Path file) {
        String name = lowerCaseName(file);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static String lowerCaseName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /**
     * One line: where, and what SnakeYAML or Jackson says. SnakeYAML's own message spans several lines with a
     * caret under the place, so only its context ("while parsing a flow sequence") and problem are kept.
     */
    private static String describeSyntaxError(String format, JacksonException e) {
        String what;
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked) {
            what = marked.getContext() == null ? marked.getProblem() : marked.getContext() + ": " + marked.getProblem();
        } else if (e.getOriginalMessage().startsWith("Duplicate field")) {
            what = e.getOriginalMessage().replaceFirst("Duplicate field ('[^']*').*", "the key $1 appears twice");
        } else if (e.getOriginalMessage().startsWith("Trailing token")) {
            what = "content after the first document; a file holds exactly one experiment";
        } else {
            what = e.getOriginalMessage().lines().findFirst().orElse("");
        }
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "invalid " + format + where + ": " + what;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof MalformedInputException) {
            return "not valid UTF-8";
        }
        return e.toString();
    }
}
