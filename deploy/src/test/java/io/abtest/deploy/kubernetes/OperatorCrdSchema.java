package io.abtest.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The Flink Kubernetes Operator's CustomResourceDefinitions (release {@value #OPERATOR_VERSION}, see SOURCE.md beside
 * them), each version's {@code openAPIV3Schema} checked as the API server checks a resource under
 * {@code kubectl apply --validate=strict}: types, enums and required fields by the schema (json-schema-validator,
 * draft 4 with OpenAPI's {@code nullable}), and unknown fields rejected wherever the schema lists the properties and
 * does not say {@code x-kubernetes-preserve-unknown-fields} (the API server prunes or, strictly, refuses them; a
 * JSON-schema validator would let them through, so the schema is given {@code additionalProperties: false} there).
 */
final class OperatorCrdSchema {

    static final String OPERATOR_VERSION = "1.15.0";
    static final String GROUP = "flink.apache.org";

    private static final Map<String, String> CRD_FILE_BY_KIND = Map.of(
            "FlinkDeployment", "flinkdeployments.flink.apache.org-v1.yml",
            "FlinkSessionJob", "flinksessionjobs.flink.apache.org-v1.yml");

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .nullableKeywordEnabled(true).build();

    private OperatorCrdSchema() {}

    static boolean covers(Manifest manifest) {
        return manifest.apiVersion().startsWith(GROUP + "/") && CRD_FILE_BY_KIND.containsKey(manifest.kind());
    }

    /** Every violation, {@code $.spec.job.upgradeMode: does not have a value in the enumeration [...]} and the like. */
    static List<String> violations(Manifest manifest) {
        String version = manifest.apiVersion().substring(manifest.apiVersion().indexOf('/') + 1);
        JsonSchema schema = FACTORY.getSchema(strict(withObjectFields(openApiSchema(manifest.kind(), version))), CONFIG);
        return schema.validate(manifest.tree()).stream()
                .sorted(Comparator.comparing(ValidationMessage::getMessage))
                .map(ValidationMessage::getMessage).toList();
    }

    /** The CRD of a kind, as the operator publishes it. */
    static JsonNode crd(String kind) {
        String file = CRD_FILE_BY_KIND.get(kind);
        if (file == null) {
            throw new IllegalArgumentException("no CRD of the operator for kind " + kind);
        }
        String resource = "flink-kubernetes-operator-" + OPERATOR_VERSION + "/" + file;
        try (InputStream in = OperatorCrdSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return KubernetesManifests.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    static JsonNode openApiSchema(String kind, String version) {
        for (JsonNode served : crd(kind).path("spec").path("versions")) {
            if (served.path("name").asText().equals(version) && served.path("served").asBoolean()) {
                return served.path("schema").path("openAPIV3Schema");
            }
        }
        throw new AssertionError("operator " + OPERATOR_VERSION + " serves no version " + version + " of " + kind);
    }

    /**
     * The root as the API server sees it: every object has {@code apiVersion}, {@code kind} and {@code metadata}
     * (checked against ObjectMeta separately), which the generated schemas leave out.
     */
    private static JsonNode withObjectFields(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        ObjectNode properties = root.withObjectProperty("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        return root;
    }

    private static JsonNode strict(JsonNode schema) {
        if (schema instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                object.put("additionalProperties", false);
            }
            object.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema != null && schema.isArray()) {
            schema.forEach(OperatorCrdSchema::strict);
        }
        return schema;
    }
}
