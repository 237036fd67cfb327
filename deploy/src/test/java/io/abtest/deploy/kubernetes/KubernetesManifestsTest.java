package io.abtest.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.abtest.jobs.analysis.AnalysisJobOptions;
import io.abtest.jobs.analysis.ExperimentCatalog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.metrics.prometheus.PrometheusReporterFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes against the Flink Kubernetes Operator's published CRD schemas (release
 * {@value OperatorCrdSchema#OPERATOR_VERSION}) and fabric8's model of the core API, then the facts of this project:
 * the job's arguments parse with {@link AnalysisJobOptions}, state goes to durable storage, the Prometheus reporter is
 * on, the rerun is dated, and the files name each other consistently (ConfigMaps, mounts, service accounts, the
 * image's jar).
 */
class KubernetesManifestsTest {

    private static final String DAY = "2026-11-27";
    private static final Set<String> DURABLE_SCHEMES = Set.of("s3", "s3a", "s3p", "hdfs", "gs", "abfs", "abfss",
            "wasbs", "oss");

    private static Manifest streaming() {
        return KubernetesManifests.one("FlinkDeployment", "abtest-analysis");
    }

    private static List<Manifest> flinkDeployments() {
        List<Manifest> deployments = new ArrayList<>(KubernetesManifests.all().stream()
                .filter(m -> m.kind().equals("FlinkDeployment")).toList());
        deployments.add(KubernetesManifests.rerun(DAY));
        return deployments;
    }

    @Test
    void everyManifestIsValidAgainstTheSchemaOfItsKind() {
        List<Manifest> manifests = new ArrayList<>(KubernetesManifests.all());
        manifests.add(KubernetesManifests.rerun(DAY));
        Map<String, List<String>> violations = new TreeMap<>();
        Set<String> kinds = new HashSet<>();
        for (Manifest manifest : manifests) {
            List<String> found;
            if (OperatorCrdSchema.covers(manifest)) {
                found = new ArrayList<>(OperatorCrdSchema.violations(manifest));
                found.addAll(StrictKubernetesModel.violations(manifest.tree().path("metadata"),
                        StrictKubernetesModel.objectMeta()));
            } else if (StrictKubernetesModel.covers(manifest)) {
                found = StrictKubernetesModel.violations(manifest);
            } else {
                found = List.of("no schema for " + manifest.apiVersion() + " " + manifest.kind());
            }
            if (!found.isEmpty()) {
                violations.put(manifest.toString(), found);
            }
            kinds.add(manifest.kind());
        }
        assertEquals(Map.of(), violations);
        assertEquals(Set.of("FlinkDeployment", "CronJob", "ConfigMap", "ServiceAccount", "Role", "RoleBinding"), kinds);
    }

    @Test
    void theOperatorReleaseSupportsFlink22AndTheDeploymentsAskForIt() {
        JsonNode flinkVersion = OperatorCrdSchema.openApiSchema("FlinkDeployment", "v1beta1")
                .at("/properties/spec/properties/flinkVersion/enum");
        List<String> versions = new ArrayList<>();
        flinkVersion.forEach(v -> versions.add(v.asText()));
        assertTrue(versions.contains("v2_2"), versions.toString());
        for (Manifest deployment : flinkDeployments()) {
            assertEquals("v2_2", deployment.spec().path("flinkVersion").asText(), deployment.toString());
            assertEquals("flink.apache.org/v1beta1", deployment.apiVersion(), deployment.toString());
        }
    }

    @Test
    void theStreamingJobRunsItsArgumentsWithSavepointUpgradesAndDurableState() {
        Manifest job = streaming();
        AnalysisJobOptions options = AnalysisJobOptions.parse(job.jobArgs().toArray(String[]::new));
        assertEquals(AnalysisJobOptions.Mode.STREAMING, options.mode());
        assertFalse(options.bounded());
        assertEquals(AnalysisJobOptions.StateBackend.ROCKSDB, options.stateBackend());
        assertDurable(options.output(), "--output");
        assertFalse(options.alerts().alertmanagers().isEmpty(), "alerts posted to Alertmanager");

        assertEquals("savepoint", job.spec().path("job").path("upgradeMode").asText());
        assertEquals("running", job.spec().path("job").path("state").asText());
        String checkpoints = options.checkpointDir() != null ? options.checkpointDir()
                : job.flinkConfiguration("execution.checkpointing.dir");
        assertDurable(checkpoints, "checkpoints");
        assertDurable(job.flinkConfiguration("execution.checkpointing.savepoint-dir"), "savepoints");
        assertEquals("kubernetes", job.flinkConfiguration("high-availability.type"));
        assertDurable(job.flinkConfiguration("high-availability.storageDir"), "HA metadata");
    }

    @Test
    void theRerunIsABoundedBatchOverOneDayIntoADatedOutputThatMainWaitsFor() {
        assertEquals(Set.of(KubernetesManifests.RUN_DATE), placeholders(KubernetesManifests.rerunTemplate()),
                "submit.sh replaces RUN_DATE only");
        Manifest rerun = KubernetesManifests.rerun(DAY);
        assertEquals("abtest-rerun-" + DAY, rerun.name());
        assertTrue(rerun.name().matches("[a-z]([-a-z0-9]{0,43}[a-z0-9])?"),
                "a DNS-1035 label the operator accepts as a cluster id: " + rerun.name());
        AnalysisJobOptions options = AnalysisJobOptions.parse(rerun.jobArgs().toArray(String[]::new));
        assertEquals(AnalysisJobOptions.Mode.BATCH, options.mode());
        assertTrue(options.output().endsWith("/" + DAY), options.output());
        assertDurable(options.output(), "--output");
        assertTrue(options.predictions().endsWith("dt=" + DAY), options.predictions());
        assertTrue(options.outcomes().endsWith("dt=" + DAY), options.outcomes());
        assertTrue(options.alerts().alertmanagers().isEmpty());
        assertEquals("true", rerun.flinkConfiguration("execution.attached"),
                "main() must wait for the job to move the staged output into place");
        assertEquals("stateless", rerun.spec().path("job").path("upgradeMode").asText());
        assertNotNull(rerun.flinkConfiguration("kubernetes.operator.jm-deployment.shutdown-ttl"));
        assertEquals(DAY, rerun.at("/metadata/labels/abtest.io~1run-date").asText());
        assertFalse(KubernetesManifests.rerun("2026-11-28").jobArgs().equals(rerun.jobArgs()));
    }

    @Test
    void everyFlinkDeploymentReportsToPrometheusOnTheContainerPortNamedMetrics() throws Exception {
        for (Manifest deployment : flinkDeployments()) {
            assertEquals(PrometheusReporterFactory.class.getName(),
                    deployment.flinkConfiguration("metrics.reporter.prom.factory.class"), deployment.toString());
            int port = Integer.parseInt(deployment.flinkConfiguration("metrics.reporter.prom.port"));
            JsonNode container = mainContainer(deployment);
            List<Integer> metricsPorts = new ArrayList<>();
            container.path("ports").forEach(p -> {
                if (p.path("name").asText().equals("metrics")) {
                    metricsPorts.add(p.path("containerPort").asInt());
                }
            });
            assertEquals(List.of(port), metricsPorts, deployment.toString());
            assertEquals("abtest", deployment.at("/spec/podTemplate/metadata/labels/app.kubernetes.io~1part-of")
                    .asText(), "the label deploy/prometheus/prometheus.yml selects pods by");
        }
    }

    @Test
    void theExperimentsConfigMapHoldsDeployExperimentsAndIsMountedWhereTheJobReadsIt(@TempDir Path mounted)
            throws Exception {
        Manifest configMap = KubernetesManifests.one("ConfigMap", "abtest-experiments");
        Map<String, String> data = new TreeMap<>();
        configMap.tree().path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> experiments = Files.list(KubernetesManifests.ROOT.resolve("deploy/experiments"))) {
            for (Path file : experiments.toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        assertEquals(files, data, "regenerate with kubectl create configmap ... --from-file=deploy/experiments");

        for (Map.Entry<String, String> file : data.entrySet()) {
            Files.writeString(mounted.resolve(file.getKey()), file.getValue());
        }
        assertEquals(Set.of("minimal", "ranker-v2"), ExperimentCatalog.load(mounted).configs().keySet());

        for (Manifest deployment : flinkDeployments()) {
            String experiments = AnalysisJobOptions.parse(deployment.jobArgs().toArray(String[]::new)).experiments();
            String volume = null;
            for (JsonNode mount : mainContainer(deployment).path("volumeMounts")) {
                if (mount.path("mountPath").asText().equals(experiments)) {
                    volume = mount.path("name").asText();
                }
            }
            assertNotNull(volume, deployment + " mounts nothing at " + experiments);
            String configMapName = null;
            for (JsonNode v : deployment.at("/spec/podTemplate/spec/volumes")) {
                if (v.path("name").asText().equals(volume)) {
                    configMapName = v.path("configMap").path("name").asText();
                }
            }
            assertEquals("abtest-experiments", configMapName, deployment.toString());
        }
    }

    @Test
    void theDeploymentsRunTheJarTheDockerfileInstallsAsTheFlinkServiceAccount() throws Exception {
        String dockerfile = Files.readString(KubernetesManifests.KUBERNETES.resolve("Dockerfile"));
        assertTrue(dockerfile.lines().anyMatch(line -> line.equals("FROM flink:2.2.1-java17")), "Flink 2.2.1 image");
        Matcher copy = Pattern.compile("(?m)^COPY .*jobs/target/abtest-jobs-0\\.1\\.0-SNAPSHOT\\.jar (\\S+)$")
                .matcher(dockerfile);
        assertTrue(copy.find(), "the Dockerfile copies the jobs jar");
        Matcher hadoop = Pattern.compile("<hadoop.version>([^<]+)</hadoop.version>")
                .matcher(Files.readString(KubernetesManifests.ROOT.resolve("pom.xml")));
        assertTrue(hadoop.find());
        for (String artifact : List.of("hadoop-client-api", "hadoop-client-runtime")) {
            String jar = artifact + "/" + hadoop.group(1) + "/" + artifact + "-" + hadoop.group(1) + ".jar";
            assertTrue(dockerfile.contains(jar), "the image has the Hadoop the job is built against: " + jar);
        }
        for (Manifest deployment : flinkDeployments()) {
            assertEquals(URI.create("local://" + copy.group(1)),
                    URI.create(deployment.spec().path("job").path("jarURI").asText()), deployment.toString());
            String account = deployment.spec().path("serviceAccount").asText();
            KubernetesManifests.one("ServiceAccount", account);
            assertBound(account, "", "pods", "create");
            assertBound(account, "", "configmaps", "update");
        }
    }

    @Test
    void theRerunCronJobMayCreateAndDeleteFlinkDeploymentsAndRunsTheTemplatesScript() throws Exception {
        Manifest cronJob = KubernetesManifests.one("CronJob", "abtest-rerun");
        JsonNode pod = cronJob.at("/spec/jobTemplate/spec/template/spec");
        String account = pod.path("serviceAccountName").asText();
        KubernetesManifests.one("ServiceAccount", account);
        for (String verb : List.of("create", "get", "list", "delete", "patch")) {
            assertBound(account, "flink.apache.org", "flinkdeployments", verb);
        }
        assertEquals("Forbid", cronJob.spec().path("concurrencyPolicy").asText(), "never two reruns at once");
        assertTrue(cronJob.at("/spec/jobTemplate/spec/ttlSecondsAfterFinished").isInt());

        JsonNode container = pod.path("containers").get(0);
        String script = container.path("command").get(1).asText();
        JsonNode mount = container.path("volumeMounts").get(0);
        assertEquals(mount.path("mountPath").asText() + "/submit.sh", script);
        String volume = pod.path("volumes").get(0).path("configMap").path("name").asText();
        assertEquals(KubernetesManifests.RERUN_TEMPLATE_CONFIGMAP, volume);
        JsonNode data = KubernetesManifests.one("ConfigMap", volume).tree().path("data");
        String submit = data.path("submit.sh").asText();
        assertTrue(submit.contains(mount.path("mountPath").asText() + "/" + KubernetesManifests.RERUN_TEMPLATE_KEY),
                "submit.sh reads the template where it is mounted");
        assertTrue(submit.contains("s/" + KubernetesManifests.RUN_DATE + "/"), "submit.sh replaces RUN_DATE");

        Path file = Files.createTempFile("submit", ".sh");
        try {
            Files.writeString(file, submit);
            Process check = new ProcessBuilder("sh", "-n", file.toString()).redirectErrorStream(true).start();
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, check.exitValue(), new String(check.getInputStream().readAllBytes()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static JsonNode mainContainer(Manifest deployment) {
        for (JsonNode container : deployment.at("/spec/podTemplate/spec/containers")) {
            if (container.path("name").asText().equals("flink-main-container")) {
                return container;
            }
        }
        throw new AssertionError(deployment + " has no flink-main-container in its pod template");
    }

    /** A RoleBinding of the account to a Role of the same namespace granting the verb on the resource. */
    private static void assertBound(String account, String apiGroup, String resource, String verb) {
        List<Manifest> all = KubernetesManifests.all();
        for (Manifest binding : all.stream().filter(m -> m.kind().equals("RoleBinding")).toList()) {
            boolean forAccount = false;
            for (JsonNode subject : binding.tree().path("subjects")) {
                forAccount |= subject.path("kind").asText().equals("ServiceAccount")
                        && subject.path("name").asText().equals(account);
            }
            if (!forAccount) {
                continue;
            }
            Manifest role = KubernetesManifests.one("Role", binding.tree().path("roleRef").path("name").asText());
            for (JsonNode rule : role.tree().path("rules")) {
                if (contains(rule.path("apiGroups"), apiGroup) && contains(rule.path("resources"), resource)
                        && contains(rule.path("verbs"), verb)) {
                    return;
                }
            }
        }
        throw new AssertionError(account + " may not " + verb + " " + resource + " (" + apiGroup + ")");
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> placeholders(String template) {
        Set<String> found = new HashSet<>();
        Matcher matcher = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b").matcher(template);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static void assertDurable(String uri, String what) {
        assertNotNull(uri, what + " not set");
        String scheme = URI.create(uri).getScheme();
        assertTrue(scheme != null && DURABLE_SCHEMES.contains(scheme), what + " on durable storage: " + uri);
    }
}
