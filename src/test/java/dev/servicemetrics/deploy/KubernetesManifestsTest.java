package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parses server-config/k8s strictly against the Kubernetes API model (fabric8) and checks it against
 * what the application serves: the probes, port 8005, /mpmetrics and the contract's variables.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of(System.getProperty("basedir", ".")).resolve("server-config/k8s");
    static final int HTTP_PORT = 8005;
    /** CONTRACT §2. */
    static final Set<String> CONTRACT_VARIABLES = Set.of("PROMETHEUS_URL", "ALERTMANAGER_URL", "SCRAPE_INTERVAL",
            "MOCK_SERVICE_PORT", "DATABASE_URL", "DATABASE_USER", "DATABASE_PASSWORD", "API_TOKEN", "WEBHOOK_TOKEN",
            "CORS_ALLOWED_ORIGINS", "METRICS_QUERIES", "HISTORY_WINDOW", "WEBHOOK_MAX_BYTES");
    static final Set<String> SECRET_VARIABLES = Set.of("API_TOKEN", "WEBHOOK_TOKEN", "DATABASE_PASSWORD");
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class);

    /**
     * The fabric8 model keeps unknown fields in an "additionalProperties" any-setter; turning the
     * any-setters off makes an unknown field an error, as the API server's strict field validation
     * does. Numbers and booleans where the API wants a string are refused too (the API server
     * refuses `SCRAPE_INTERVAL: 10` in a ConfigMap).
     */
    static final ObjectMapper STRICT = strictMapper();

    static List<HasMetadata> resources;

    static ObjectMapper strictMapper() {
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .annotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return Boolean.FALSE;
                    }
                })
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @BeforeAll
    static void parseEveryManifest() throws IOException {
        resources = new ArrayList<>();
        for (String file : kustomizationResources()) {
            resources.addAll(parse(Files.readString(K8S.resolve(file))));
        }
    }

    static List<HasMetadata> parse(String yaml) throws IOException {
        List<HasMetadata> parsed = new ArrayList<>();
        for (JsonNode document : STRICT.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll()) {
            if (document == null || document.isNull() || document.isMissingNode()) {
                continue;
            }
            String kind = document.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                fail("no strict model registered in this test for kind '" + kind + "'");
            }
            HasMetadata resource = STRICT.treeToValue(document, type);
            assertEquals(expectedApiVersion(kind), resource.getApiVersion(), kind + " apiVersion");
            assertNotNull(resource.getMetadata().getName(), kind + " needs metadata.name");
            parsed.add(resource);
        }
        return parsed;
    }

    static String expectedApiVersion(String kind) {
        return switch (kind) {
            case "Deployment" -> "apps/v1";
            case "PodDisruptionBudget" -> "policy/v1";
            default -> "v1";
        };
    }

    static List<String> kustomizationResources() throws IOException {
        JsonNode kustomization = new YAMLMapper().readTree(K8S.resolve("kustomization.yaml").toFile());
        Set<String> keys = new HashSet<>();
        kustomization.fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("apiVersion", "kind", "resources"), keys, "kustomization.yaml keys");
        assertEquals("kustomize.config.k8s.io/v1beta1", kustomization.path("apiVersion").asText());
        assertEquals("Kustomization", kustomization.path("kind").asText());
        List<String> files = new ArrayList<>();
        kustomization.path("resources").forEach(file -> files.add(file.asText()));
        return files;
    }

    static <T extends HasMetadata> T only(Class<T> type) {
        List<T> found = resources.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), "exactly one " + type.getSimpleName());
        return found.get(0);
    }

    static Container container() {
        List<Container> containers = only(Deployment.class).getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), "one container");
        return containers.get(0);
    }

    /** A port given by name resolves through the container's named ports, as Kubernetes does. */
    static int resolve(IntOrString port) {
        assertNotNull(port, "port");
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container().getPorts().stream()
                .filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    @Test
    void kustomizationListsEveryManifestInTheFolder() throws IOException {
        Set<String> yamlFiles;
        try (Stream<Path> files = Files.list(K8S)) {
            yamlFiles = new HashSet<>(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") || name.endsWith(".yml"))
                    .filter(name -> !name.equals("kustomization.yaml"))
                    .toList());
        }
        assertEquals(yamlFiles, new HashSet<>(kustomizationResources()));
        assertEquals(Set.of("Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget"),
                new HashSet<>(resources.stream().map(HasMetadata::getKind).toList()));
    }

    @Test
    void deploymentRunsTwoReplicasOfTheImageOnPort8005() {
        Deployment deployment = only(Deployment.class);
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(deployment.getSpec().getSelector().getMatchLabels(),
                deployment.getSpec().getTemplate().getMetadata().getLabels(), "selector matches the pod labels");
        Container container = container();
        assertEquals("service-metrics:1.0.0", container.getImage());
        assertEquals(1, container.getPorts().size());
        ContainerPort port = container.getPorts().get(0);
        assertEquals("http", port.getName());
        assertEquals(HTTP_PORT, port.getContainerPort());
    }

    @Test
    void probesUseTheApplicationsHealthEndpointsOnItsPort() {
        Container container = container();
        assertProbe(container.getLivenessProbe(), "/health/live");
        assertProbe(container.getReadinessProbe(), "/health/ready");
        assertProbe(container.getStartupProbe(), "/health/started");
    }

    static void assertProbe(Probe probe, String path) {
        assertNotNull(probe, "probe on " + path);
        assertNotNull(probe.getHttpGet(), "HTTP probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(HTTP_PORT, resolve(probe.getHttpGet().getPort()), "probe port of " + path);
    }

    @Test
    void startupProbeWaitsLongEnoughForPayaraMicroToStart() {
        Probe startup = container().getStartupProbe();
        int seconds = startup.getPeriodSeconds() * startup.getFailureThreshold();
        assertTrue(seconds >= 60, "a ~20 s start needs a wide margin; the startup probe allows " + seconds + " s");
    }

    @Test
    void podRunsAsNonRootWithBoundedMemory() {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = container();
        boolean nonRoot = Boolean.TRUE.equals(pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot())
                || Boolean.TRUE.equals(container.getSecurityContext() == null ? null : container.getSecurityContext().getRunAsNonRoot());
        assertTrue(nonRoot, "runAsNonRoot");
        Map<String, Quantity> limits = container.getResources().getLimits();
        Map<String, Quantity> requests = container.getResources().getRequests();
        assertNotNull(limits.get("memory"), "memory limit");
        assertNotNull(requests.get("memory"), "memory request");
        assertTrue(Quantity.getAmountInBytes(limits.get("memory")).longValue() >= 512L * 1024 * 1024,
                "the ~512 MiB the service needs fits under the limit");
        assertTrue(Quantity.getAmountInBytes(requests.get("memory")).compareTo(Quantity.getAmountInBytes(limits.get("memory"))) <= 0);
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("MEM_MAX_RAM_PERCENTAGE")),
                "the JVM heap follows the memory limit");
    }

    @Test
    void containerTakesItsEnvironmentFromTheConfigMapAndTheSecret() {
        Set<String> configMaps = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (EnvFromSource source : container().getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                configMaps.add(source.getConfigMapRef().getName());
            }
            if (source.getSecretRef() != null) {
                secrets.add(source.getSecretRef().getName());
            }
        }
        assertEquals(Set.of(only(ConfigMap.class).getMetadata().getName()), configMaps);
        assertEquals(Set.of(only(Secret.class).getMetadata().getName()), secrets);
    }

    @Test
    void configMapAndSecretHoldOnlyTheContractsVariables() {
        Set<String> configured = only(ConfigMap.class).getData().keySet();
        Secret secret = only(Secret.class);
        Set<String> secretKeys = new HashSet<>();
        if (secret.getStringData() != null) {
            secretKeys.addAll(secret.getStringData().keySet());
        }
        if (secret.getData() != null) {
            secretKeys.addAll(secret.getData().keySet());
        }
        for (String key : configured) {
            assertTrue(CONTRACT_VARIABLES.contains(key), "ConfigMap key " + key + " is not a contract variable");
            assertFalse(SECRET_VARIABLES.contains(key), key + " belongs in the Secret");
        }
        assertEquals(SECRET_VARIABLES, secretKeys, "Secret keys");
        assertTrue(configured.contains("DATABASE_URL"), "two replicas need a shared PostgreSQL");
        assertTrue(only(ConfigMap.class).getData().get("DATABASE_URL").startsWith("jdbc:postgresql://"));
    }

    @Test
    void serviceExposesPort8005AndPointsPrometheusAtMpmetrics() {
        Service service = only(Service.class);
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels(),
                service.getSpec().getSelector(), "the Service selects the pods");
        assertEquals(1, service.getSpec().getPorts().size());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(HTTP_PORT, port.getPort());
        assertEquals(HTTP_PORT, resolve(port.getTargetPort()), "targetPort");
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("/mpmetrics", annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(HTTP_PORT), annotations.get("prometheus.io/port"));
    }

    @Test
    void disruptionBudgetKeepsAReplicaServingDuringADrain() {
        PodDisruptionBudget budget = only(PodDisruptionBudget.class);
        Deployment deployment = only(Deployment.class);
        assertSelects(budget.getSpec().getSelector(), deployment.getSpec().getTemplate().getMetadata().getLabels(), "the budget");
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        int available = maxUnavailable != null ? deployment.getSpec().getReplicas() - maxUnavailable.getIntVal() : minAvailable.getIntVal();
        assertTrue(available >= 1 && available < deployment.getSpec().getReplicas(),
                "a drain keeps at least one replica and can still evict one: " + available + " must stay available");
    }

    @Test
    void replicasSpreadAcrossNodes() {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
        List<TopologySpreadConstraint> spread = pod.getTopologySpreadConstraints();
        assertNotNull(spread, "topologySpreadConstraints");
        TopologySpreadConstraint byNode = spread.stream()
                .filter(constraint -> "kubernetes.io/hostname".equals(constraint.getTopologyKey()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no spread across kubernetes.io/hostname: " + spread));
        assertEquals(1, byNode.getMaxSkew());
        assertSelects(byNode.getLabelSelector(), only(Deployment.class).getSpec().getTemplate().getMetadata().getLabels(), "the spread");
    }

    @Test
    void podStopsGracefullyAfterLeavingTheService() {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();
        Container container = container();
        assertNotNull(container.getLifecycle(), "lifecycle");
        assertNotNull(container.getLifecycle().getPreStop(), "preStop");
        List<String> command = container.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", command.get(0), "preStop sleeps while the endpoints controller removes the pod");
        long preStopSeconds = Long.parseLong(command.get(1));
        assertNotNull(pod.getTerminationGracePeriodSeconds(), "terminationGracePeriodSeconds");
        assertTrue(pod.getTerminationGracePeriodSeconds() >= preStopSeconds + 20,
                "after preStop the server needs time to close the WebSockets and stop: grace "
                        + pod.getTerminationGracePeriodSeconds() + " s, preStop " + preStopSeconds + " s");
    }

    @Test
    void serviceHasNoSessionAffinityAndReadinessIgnoresSharedDependencies() {
        String affinity = only(Service.class).getSpec().getSessionAffinity();
        assertTrue(affinity == null || "None".equals(affinity), "any replica serves any client, not " + affinity);
        assertProbe(container().getReadinessProbe(), "/health/ready");
    }

    static void assertSelects(LabelSelector selector, Map<String, String> podLabels, String what) {
        assertNotNull(selector, what + " selector");
        assertTrue(selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty(), what + " selects by labels only");
        assertFalse(selector.getMatchLabels().isEmpty(), what + " selects something");
        assertTrue(podLabels.entrySet().containsAll(selector.getMatchLabels().entrySet()), what + " selects the pods");
    }

    /** What typos in manifests look like, and the word the strict parser must name in its error. */
    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("an unknown field at the top of the spec", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: bad}
                        spec:
                          replica: 2
                          selector: {matchLabels: {app: bad}}
                          template:
                            metadata: {labels: {app: bad}}
                            spec:
                              containers: [{name: bad, image: bad}]
                        """, "replica"),
                Arguments.of("an unknown field deep in a probe", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: bad}
                        spec:
                          selector: {matchLabels: {app: bad}}
                          template:
                            metadata: {labels: {app: bad}}
                            spec:
                              containers:
                                - name: bad
                                  image: bad
                                  livenessProbe:
                                    httpGet: {paht: /health/live, port: 8005}
                        """, "paht"),
                Arguments.of("a Service port field that does not exist (the Ingress spelling)", """
                        apiVersion: v1
                        kind: Service
                        metadata: {name: bad}
                        spec:
                          ports: [{port: 8005, servicePort: 8005}]
                        """, "servicePort"),
                Arguments.of("a number where the API wants a string", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: bad}
                        data:
                          SCRAPE_INTERVAL: 10
                        """, "SCRAPE_INTERVAL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void strictParsingRejectsWhatTheApiServerWouldReject(String mistake, String manifest, String named) {
        IOException rejected = assertThrows(IOException.class, () -> parse(manifest));
        assertTrue(rejected.getMessage().contains(named), "the error names " + named + ": " + rejected.getMessage());
    }

    @Test
    void strictParsingAcceptsTheSameManifestsWithoutTheMistakes() throws IOException {
        List<HasMetadata> good = parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: good}
                data:
                  SCRAPE_INTERVAL: "10"
                """);
        assertEquals(Map.of("SCRAPE_INTERVAL", "10"), ((ConfigMap) good.get(0)).getData());
    }
}
