package io.abtest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory of experiment files loads as a map by id; all problems of all files come together. */
class ExperimentConfigLoaderLoadAllTest {

    @Test
    void everyConfigFileOfADirectory(@TempDir Path directory) throws Exception {
        write(directory, "b.yml", "exp-b");
        write(directory, "a.yaml", "exp-a");
        Files.writeString(directory.resolve("c.json"), "{\"experiment_id\": \"exp-c\","
                + "\"hash_salt\": \"s\", \"minimum_detectable_effect\": 0.1,"
                + "\"variants\": [{\"name\": \"x\", \"weight\": 1, \"control\": true},"
                + " {\"name\": \"y\", \"weight\": 1}],"
                + "\"metrics\": [{\"name\": \"m\", \"kind\": \"mean\", \"source\": \"score\","
                + " \"direction\": \"higher_is_better\", \"primary\": true}]}");
        Files.writeString(directory.resolve("README.md"), "not an experiment");
        Files.writeString(directory.resolve(".a.yaml.swp"), "editor swap file");
        Files.writeString(directory.resolve(".hidden.yaml"), "not: read");
        Files.createDirectory(directory.resolve("archive.yaml"));

        Map<String, ExperimentConfig> loaded = ExperimentConfigLoader.loadAll(directory);

        assertEquals(List.of("exp-a", "exp-b", "exp-c"), List.copyOf(loaded.keySet()));
        assertEquals("exp-a", loaded.get("exp-a").experimentId());
        assertEquals(0.1, loaded.get("exp-c").minimumDetectableEffect());
    }

    @Test
    void singleFile(@TempDir Path directory) throws Exception {
        Path file = write(directory, "a.yaml", "exp-a");

        assertEquals(List.of("exp-a"), List.copyOf(ExperimentConfigLoader.loadAll(file).keySet()));
    }

    @Test
    void emptyDirectory(@TempDir Path directory) {
        assertEquals(Map.of(), ExperimentConfigLoader.loadAll(directory));
    }

    @Test
    void theShippedExamples() {
        assertEquals(List.of("minimal", "ranker-v2"),
                List.copyOf(ExperimentConfigLoader.loadAll(Path.of("..", "deploy", "experiments")).keySet()));
    }

    @Test
    void sameIdInTwoFilesNamesBoth(@TempDir Path directory) throws Exception {
        Path first = write(directory, "a.yaml", "same");
        Path second = write(directory, "b.yaml", "same");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.loadAll(directory));

        assertEquals(List.of(new ConfigException.Problem(second.toString(), "experiment_id",
                "duplicate experiment id \"same\", also defined in " + first)), e.problems());
        assertEquals(second + ": experiment_id: duplicate experiment id \"same\", also defined in " + first,
                e.getMessage());
    }

    @Test
    void problemsOfEveryFileTogether(@TempDir Path directory) throws Exception {
        Path bad = directory.resolve("a.yaml");
        Files.writeString(bad, ExperimentYaml.COMPLETE.replace("alpha: 0.05", "alpha: 5"));
        Path first = write(directory, "b.yaml", "same");
        Path second = write(directory, "c.yaml", "same");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.loadAll(directory));

        assertEquals(List.of(
                        new ConfigException.Problem(bad.toString(), "alpha", "must be a number in (0, 0.5], got 5"),
                        new ConfigException.Problem(second.toString(), "experiment_id",
                                "duplicate experiment id \"same\", also defined in " + first)),
                e.problems());
    }

    @Test
    void missingDirectory(@TempDir Path directory) {
        Path missing = directory.resolve("none");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.loadAll(missing));

        assertEquals(List.of(new ConfigException.Problem(missing.toString(), "", "cannot read the file: no such file")),
                e.problems());
    }

    private static Path write(Path directory, String name, String experimentId) throws Exception {
        return Files.writeString(directory.resolve(name),
                ExperimentYaml.COMPLETE.replace("experiment_id: ranker-v2", "experiment_id: " + experimentId));
    }
}
