package io.abtest.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every YAML document under deploy/kubernetes, as {@code kubectl apply -f deploy/kubernetes/} reads them, and the
 * rerun's FlinkDeployment, which lives as a template inside a ConfigMap and is expanded per day.
 */
final class KubernetesManifests {

    static final YAMLMapper YAML = new YAMLMapper();

    static final Path ROOT = Path.of(System.getProperty("abtest.root", "..")).toAbsolutePath().normalize();
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    static final String RERUN_TEMPLATE_CONFIGMAP = "abtest-rerun-template";
    static final String RERUN_TEMPLATE_KEY = "flinkdeployment.yaml";
    static final String RUN_DATE = "RUN_DATE";

    private KubernetesManifests() {}

    static List<Manifest> all() {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                manifests.addAll(parse(Files.readString(file), KUBERNETES.relativize(file).toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (manifests.isEmpty()) {
            throw new AssertionError("no manifests under " + KUBERNETES);
        }
        return manifests;
    }

    static List<Manifest> parse(String yaml, String source) {
        List<Manifest> documents = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml);
                MappingIterator<JsonNode> trees = YAML.readValues(parser, JsonNode.class)) {
            int index = 0;
            while (trees.hasNext()) {
                JsonNode tree = trees.next();
                if (tree != null && !tree.isNull() && !tree.isEmpty()) {
                    documents.add(new Manifest(source + "#" + index, tree));
                }
                index++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source, e);
        }
        return documents;
    }

    static Manifest one(String kind, String name) {
        return all().stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " under " + KUBERNETES));
    }

    static String rerunTemplate() {
        return one("ConfigMap", RERUN_TEMPLATE_CONFIGMAP).tree().path("data").path(RERUN_TEMPLATE_KEY).asText();
    }

    /** The rerun's FlinkDeployment of one day, as submit.sh makes it ({@code sed s/RUN_DATE/<day>/g}). */
    static Manifest rerun(String day) {
        List<Manifest> documents = parse(rerunTemplate().replace(RUN_DATE, day),
                RERUN_TEMPLATE_CONFIGMAP + "/" + RERUN_TEMPLATE_KEY + " for " + day);
        if (documents.size() != 1) {
            throw new AssertionError("the rerun template holds " + documents.size() + " documents, not one");
        }
        return documents.get(0);
    }
}
