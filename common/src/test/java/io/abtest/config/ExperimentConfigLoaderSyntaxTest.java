package io.abtest.config;

import static io.abtest.config.ExperimentYaml.problem;
import static io.abtest.config.ExperimentYaml.problemsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text that is not one YAML (or JSON) mapping, and files that cannot be read, are problems of the whole file. */
class ExperimentConfigLoaderSyntaxTest {

    @Test
    void mappingValueWhereNoneIsAllowed() {
        assertEquals(List.of(problem("", "invalid YAML at line 2, column 13: mapping values are not allowed here")),
                problemsOf("experiment_id: a\nhash_salt: b: c\n").problems());
    }

    @Test
    void unclosedFlowList() {
        assertEquals(List.of(problem("", "invalid YAML at line 1, column 27: while parsing a flow sequence: "
                        + "expected ',' or ']', but got <stream end>")),
                problemsOf("segments: [country, device\n").problems());
    }

    @Test
    void badIndentation() {
        ConfigException e = problemsOf("variants:\n  - name: a\n - name: b\n");

        assertEquals(1, e.problems().size());
        assertEquals("exp.yaml: invalid YAML at line 3, column 2: while parsing a block mapping: "
                + "expected <block end>, but found '<block sequence start>'", e.getMessage());
    }

    @Test
    void keyGivenTwice() {
        assertEquals(List.of(problem("", "invalid YAML at line 3, column 8: the key 'alpha' appears twice")),
                problemsOf("alpha: 0.05\npower: 0.8\nalpha: 0.1\n").problems());
    }

    @Test
    void secondDocument() {
        assertEquals(List.of(problem("", "invalid YAML at line 3, column 1: content after the first document; "
                        + "a file holds exactly one experiment")),
                problemsOf("experiment_id: a\n---\nexperiment_id: b\n").problems());
    }

    @Test
    void emptyText() {
        assertEquals(List.of(problem("", "the file is empty; it must hold one experiment")), problemsOf("").problems());
        assertEquals(List.of(problem("", "the file is empty; it must hold one experiment")),
                problemsOf("# nothing yet\n").problems());
    }

    @Test
    void topLevelList() {
        assertEquals(List.of(problem("", "must be a mapping, got a list")), problemsOf("- a\n- b\n").problems());
    }

    @Test
    void boolLikeWordsStayStrings() {
        String yaml = ExperimentYaml.COMPLETE.replace("in: [US, CA]", "in: [NO, SE, on]");

        Condition country = ExperimentConfigLoader.parse(yaml, "exp.yaml").targeting().all().get(0);

        assertEquals(java.util.Set.of("NO", "SE", "on"), country.values());
    }

    @Test
    void invalidJsonFile(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("exp.json");
        Files.writeString(file, "{\"experiment_id\": \"a\",\n \"hash_salt\": }");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.load(file));

        assertEquals(1, e.problems().size());
        assertEquals("", e.problems().get(0).path());
        assertTrue(e.getMessage().startsWith(file + ": invalid JSON at line 2, column 15: Unexpected character ('}'"),
                e.getMessage());
    }

    @Test
    void yamlInAJsonFileIsNotJson(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("exp.json");
        Files.writeString(file, ExperimentYaml.COMPLETE);

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.load(file));

        assertTrue(e.getMessage().startsWith(file + ": invalid JSON at line 1, column "), e.getMessage());
    }

    @Test
    void missingFile(@TempDir Path directory) {
        Path file = directory.resolve("nope.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.load(file));

        assertEquals(List.of(new ConfigException.Problem(file.toString(), "", "cannot read the file: no such file")),
                e.problems());
    }

    @Test
    void fileNotInUtf8(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentConfigLoader.load(file));

        assertEquals(List.of(new ConfigException.Problem(file.toString(), "", "cannot read the file: not valid UTF-8")),
                e.problems());
    }
}
