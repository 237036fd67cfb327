package io.abtest.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The validators of {@link KubernetesManifestsTest} say no: each case takes a manifest of deploy/kubernetes that
 * passes, breaks one thing, and expects exactly that thing to be reported.
 */
class ManifestValidatorsRejectTest {

    private static Manifest streamingWith(Consumer<ObjectNode> change) {
        Manifest valid = KubernetesManifests.one("FlinkDeployment", "abtest-analysis");
        assertEquals(List.of(), OperatorCrdSchema.violations(valid), "the unchanged manifest passes");
        ObjectNode tree = valid.tree().deepCopy();
        change.accept(tree);
        return new Manifest("changed " + valid.source(), tree);
    }

    private static Manifest cronJobWith(Consumer<ObjectNode> change) {
        Manifest valid = KubernetesManifests.one("CronJob", "abtest-rerun");
        assertEquals(List.of(), StrictKubernetesModel.violations(valid), "the unchanged manifest passes");
        ObjectNode tree = valid.tree().deepCopy();
        change.accept(tree);
        return new Manifest("changed " + valid.source(), tree);
    }

    private static ObjectNode object(JsonNode tree, String pointer) {
        return (ObjectNode) tree.at(pointer);
    }

    private static void assertOneViolation(List<String> violations, String... mentions) {
        assertEquals(1, violations.size(), violations.toString());
        for (String mention : mentions) {
            assertTrue(violations.get(0).contains(mention), mention + " in " + violations);
        }
    }

    @Test
    void aMisspeltFieldOfTheJobSpec() {
        Manifest wrong = streamingWith(tree -> {
            ObjectNode job = object(tree, "/spec/job");
            job.set("upgradMode", job.remove("upgradeMode"));
        });
        assertOneViolation(OperatorCrdSchema.violations(wrong), "upgradMode");
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplate() {
        Manifest wrong = streamingWith(tree -> {
            ObjectNode container = object(tree, "/spec/podTemplate/spec/containers/0");
            container.set("volumeMount", container.remove("volumeMounts"));
        });
        assertOneViolation(OperatorCrdSchema.violations(wrong), "volumeMount");
    }

    @Test
    void aValueOutsideAnEnum() {
        assertOneViolation(OperatorCrdSchema.violations(
                streamingWith(tree -> object(tree, "/spec/job").put("upgradeMode", "savepoints"))), "upgradeMode",
                "enum");
        assertOneViolation(OperatorCrdSchema.violations(
                streamingWith(tree -> object(tree, "/spec").put("flinkVersion", "v2_3"))), "flinkVersion");
    }

    @Test
    void aStringWhereTheSchemaWantsAnInteger() {
        assertOneViolation(OperatorCrdSchema.violations(
                streamingWith(tree -> object(tree, "/spec/job").put("parallelism", "2"))), "parallelism", "integer");
    }

    @Test
    void aFlinkSessionJobIsCheckedAgainstItsOwnCrd() {
        String yaml = """
                apiVersion: flink.apache.org/v1beta1
                kind: FlinkSessionJob
                metadata: {name: abtest-rerun-2026-11-27}
                spec:
                  deploymentName: abtest-session
                  job: {jarURI: 'https://artifacts.example.com/abtest-jobs.jar', parallelism: 2, upgradeMode: stateless}
                """;
        Manifest valid = KubernetesManifests.parse(yaml, "session job").get(0);
        assertEquals(List.of(), OperatorCrdSchema.violations(valid));
        Manifest wrong = KubernetesManifests.parse(yaml.replace("deploymentName", "deployment"), "session job").get(0);
        assertOneViolation(OperatorCrdSchema.violations(wrong), "deployment");
    }

    @Test
    void aMisspeltFieldOfACronJob() {
        Manifest wrong = cronJobWith(tree -> object(tree, "/spec").set("schedul", object(tree, "/spec")
                .remove("schedule")));
        assertEquals(List.of("$.spec.schedul: not a field of the Kubernetes API"),
                StrictKubernetesModel.violations(wrong));
    }

    @Test
    void aMisspeltFieldOfTheCronJobsContainer() {
        Manifest wrong = cronJobWith(tree -> object(tree, "/spec/jobTemplate/spec/template/spec/containers/0")
                .put("imagePullPolice", "Always"));
        assertEquals(List.of("$.spec.jobTemplate.spec.template.spec.containers[0].imagePullPolice: not a field of the"
                + " Kubernetes API"), StrictKubernetesModel.violations(wrong));
    }

    @Test
    void aStringWhereTheCoreApiWantsAnInteger() {
        Manifest wrong = cronJobWith(tree -> object(tree, "/spec").put("successfulJobsHistoryLimit", "three"));
        assertOneViolation(StrictKubernetesModel.violations(wrong), "Integer");
        Manifest quoted = cronJobWith(tree -> object(tree, "/spec").put("successfulJobsHistoryLimit", "3"));
        assertOneViolation(StrictKubernetesModel.violations(quoted), "Integer");
    }
}
