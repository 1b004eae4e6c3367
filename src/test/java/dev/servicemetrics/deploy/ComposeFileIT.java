package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so this checks what can be checked without one: docker-compose
 * accepts the file, every path it mounts exists, the services find each other by name on the ports
 * they listen on, the server-config files point at those services, and the Dockerfiles run what the
 * build produces on the ports and probes the application has.
 */
class ComposeFileIT {

    static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    static final Set<String> PROBES = Set.of("/health/live", "/health/ready", "/health/started");
    static final Set<String> CONTRACT_VARIABLES = KubernetesManifestsTest.CONTRACT_VARIABLES;
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?[-?]([^}]*))?}");

    static JsonNode compose;
    static JsonNode services;
    static Map<String, String> envExample;

    @BeforeAll
    static void readFiles() throws IOException {
        compose = new YAMLMapper().readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        envExample = dotEnv(ROOT.resolve(".env.example"));
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        if (binary.isEmpty()) {
            String missing = "docker-compose is not installed, so docker-compose.yml was not validated; "
                    + "install Debian's package: apt-get install -y docker-compose";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            System.err.println("SKIPPED " + getClass().getSimpleName() + ": " + missing);
            Assumptions.abort(missing);
        }
        run(binary.get().toString(), "-f", "docker-compose.yml", "config", "-q");
        run(binary.get().toString(), "--env-file", ".env.example", "-f", "docker-compose.yml", "config", "-q");
        run(binary.get().toString(), "--env-file", ".env.example", "--profile", "wildfly", "-f", "docker-compose.yml", "config", "-q");
    }

    static void run(String... command) throws Exception {
        Path output = Files.createTempFile("docker-compose", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 120 s");
            }
            assertEquals(0, process.exitValue(), String.join(" ", command) + " said:\n" + Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void everyMountedFileExistsInTheRepository() {
        Set<String> mounted = new HashSet<>();
        for (Map<String, String> variables : List.of(Map.<String, String>of(), envExample)) {
            for (String source : hostPaths(variables)) {
                Path path = ROOT.resolve(source).normalize();
                assertTrue(Files.exists(path), source + " is mounted but does not exist (variables " + variables.keySet() + ")");
                mounted.add(ROOT.relativize(path).toString());
            }
        }
        assertTrue(mounted.containsAll(Set.of("server-config/prometheus/prometheus.yml", "server-config/prometheus/rules",
                "server-config/alertmanager/alertmanager.yml")), "the server-config files are mounted: " + mounted);
    }

    /** Bind-mount sources and secret files, relative to the project directory. */
    static List<String> hostPaths(Map<String, String> variables) {
        List<String> paths = new ArrayList<>();
        services.forEach(service -> service.path("volumes").forEach(volume -> {
            String source = volume.isTextual() ? volume.asText().split(":")[0] : volume.path("source").asText();
            source = interpolate(source, variables);
            if (source.startsWith(".") || source.startsWith("/")) {
                paths.add(source);
            }
        }));
        compose.path("secrets").forEach(secret -> paths.add(interpolate(secret.path("file").asText(), variables)));
        return paths;
    }

    @Test
    void serviceMetricsListensOn8005AndFindsTheOthersByServiceName() {
        JsonNode service = services.path("service-metrics");
        assertTrue(containerPorts(service).contains(8005), "service-metrics publishes 8005");
        assertTrue(service.path("ports").toString().contains("8005:8005"), "reachable on localhost:8005 as in the seed");
        JsonNode environment = service.path("environment");
        environment.fieldNames().forEachRemaining(name ->
                assertTrue(CONTRACT_VARIABLES.contains(name), name + " is not a contract variable"));
        assertPointsAt(environment.path("PROMETHEUS_URL").asText(), "prometheus", 9090);
        assertPointsAt(environment.path("ALERTMANAGER_URL").asText(), "alertmanager", 9093);
        String database = environment.path("DATABASE_URL").asText();
        assertTrue(database.startsWith("jdbc:postgresql://"), database);
        assertPointsAt(database.substring("jdbc:".length()), "postgres", 5432);
        assertEquals(services.path("postgres").path("environment").path("POSTGRES_USER").asText(),
                environment.path("DATABASE_USER").asText());
        assertEquals("service_healthy", service.path("depends_on").path("postgres").path("condition").asText());
        assertFalse(services.path("postgres").path("healthcheck").isMissingNode(), "postgres has a healthcheck");
    }

    static void assertPointsAt(String url, String service, int port) {
        URI uri = URI.create(url);
        assertEquals(service, uri.getHost(), url);
        assertEquals(port, uri.getPort(), url);
        assertTrue(containerPorts(services.path(service)).contains(port), service + " listens on " + port);
    }

    /** The container side of `ports` and `expose`. */
    static Set<Integer> containerPorts(JsonNode service) {
        Set<Integer> ports = new HashSet<>();
        service.path("ports").forEach(port -> {
            String text = port.isObject() ? port.path("target").asText() : port.asText();
            String[] parts = text.split(":");
            ports.add(Integer.parseInt(parts[parts.length - 1].replace("/tcp", "")));
        });
        service.path("expose").forEach(port -> ports.add(Integer.parseInt(port.asText())));
        return ports;
    }

    @Test
    void everyImageIsPinned() {
        services.fields().forEachRemaining(entry -> {
            String image = entry.getValue().path("image").asText();
            assertTrue(image.contains(":"), entry.getKey() + " image " + image + " has a tag");
            assertFalse(image.endsWith(":latest"), entry.getKey() + " image " + image + " is pinned");
        });
    }

    @Test
    void serverConfigPointsAtTheComposeServices() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode prometheus = yaml.readTree(ROOT.resolve("server-config/prometheus/prometheus.yml").toFile());
        List<String> targets = new ArrayList<>();
        prometheus.path("scrape_configs").forEach(job -> job.path("static_configs")
                .forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText()))));
        prometheus.path("alerting").path("alertmanagers").forEach(alertmanager -> alertmanager.path("static_configs")
                .forEach(config -> config.path("targets").forEach(target -> targets.add(target.asText()))));
        assertFalse(targets.isEmpty(), "prometheus.yml has static targets");
        for (String target : targets) {
            String[] hostPort = target.split(":");
            assertTrue(services.has(hostPort[0]), target + " in prometheus.yml is a Compose service");
            assertTrue(containerPorts(services.path(hostPort[0])).contains(Integer.parseInt(hostPort[1])),
                    target + " in prometheus.yml is a port its service listens on");
        }

        JsonNode alertmanager = yaml.readTree(ROOT.resolve("server-config/alertmanager/alertmanager.yml").toFile());
        Set<String> mountedInAlertmanager = new HashSet<>();
        JsonNode alertmanagerService = services.path("alertmanager");
        alertmanagerService.path("volumes").forEach(v -> mountedInAlertmanager.add(v.isTextual() ? v.asText().split(":")[1] : v.path("target").asText()));
        alertmanagerService.path("secrets").forEach(s -> mountedInAlertmanager.add(s.isTextual() ? "/run/secrets/" + s.asText() : s.path("target").asText()));
        List<JsonNode> webhooks = new ArrayList<>();
        alertmanager.path("receivers").forEach(receiver -> receiver.path("webhook_configs").forEach(webhooks::add));
        assertFalse(webhooks.isEmpty(), "alertmanager.yml has a webhook");
        for (JsonNode webhook : webhooks) {
            URI url = URI.create(webhook.path("url").asText());
            assertPointsAt(url.toString(), "service-metrics", 8005);
            assertEquals("/api/alertmanager/webhook", url.getPath());
            String tokenFile = webhook.path("http_config").path("authorization").path("credentials_file").asText();
            assertTrue(mountedInAlertmanager.contains(tokenFile),
                    "Alertmanager reads its bearer token from " + tokenFile + ", which Compose mounts: " + mountedInAlertmanager);
        }
    }

    @Test
    void envExampleWebhookTokenIsTheOneAlertmanagerSends() throws IOException {
        String tokenFile = interpolate(compose.path("secrets").path("webhook-token").path("file").asText(), envExample);
        assertEquals(interpolate(compose.path("secrets").path("webhook-token").path("file").asText(), Map.of()), tokenFile,
                ".env.example names the default token file");
        assertEquals(envExample.get("WEBHOOK_TOKEN"), Files.readString(ROOT.resolve(tokenFile)).trim());
        assertTrue(envExample.keySet().containsAll(Set.of("API_TOKEN", "WEBHOOK_TOKEN", "POSTGRES_PASSWORD")));
    }

    @Test
    void dockerfileRunsTheWarOnPort8005WithAHealthCheckOnAProbe() throws IOException {
        List<String[]> dockerfile = instructions(ROOT.resolve("Dockerfile"));
        assertPinned(argument(dockerfile, "FROM"));
        assertEquals("8005", argument(dockerfile, "EXPOSE"));
        assertNotRoot(argument(dockerfile, "USER"));

        List<String> command = List.of(new ObjectMapper().readValue(argument(dockerfile, "CMD"), String[].class));
        assertEquals("8005", command.get(command.indexOf("--port") + 1));
        assertTrue(command.contains("--disablephonehome"), "no usage report to Payara at every start (NoCallsHomeIT): " + command);
        Map<String, String> copied = copies(dockerfile);
        String war = command.get(command.indexOf("--deploy") + 1);
        assertTrue(war.endsWith("/ROOT.war"), "deployed at context root /");
        assertEquals("target/bundle/ROOT.war", copied.get(war), "the WAR as the microbundle holds it");
        assertTrue(copied.containsValue("target/bundle/lib/"), "the libraries kept out of the WAR are copied: " + copied);
        assertTrue(argument(dockerfile, "RUN").contains("cp /opt/payara/server-lib/*.jar /opt/payara/micro-root/lib/"),
                "they go on the launcher's class path, where the microbundle has them in MICRO-INF/lib");
        for (String option : List.of("--prebootcommandfile", "--postbootcommandfile")) {
            String file = command.get(command.indexOf(option) + 1);
            String source = copied.get(file);
            assertTrue(source != null && source.startsWith("server-config/payara/"), option + " " + file + " is copied from server-config/payara");
            assertTrue(Files.exists(ROOT.resolve(source)), source);
        }

        Matcher healthCheck = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)")
                .matcher(argument(dockerfile, "HEALTHCHECK"));
        assertTrue(healthCheck.find(), "HEALTHCHECK calls the service over HTTP");
        assertEquals("8005", healthCheck.group(1));
        assertTrue(PROBES.contains(healthCheck.group(2)), healthCheck.group(2) + " is one of " + PROBES);
    }

    @Test
    void mockDockerfileRunsTheJarAsNonRootOnTheComposePort() throws IOException {
        List<String[]> dockerfile = instructions(ROOT.resolve("Dockerfile.mock"));
        assertPinned(argument(dockerfile, "FROM"));
        assertNotRoot(argument(dockerfile, "USER"));
        assertTrue(copies(dockerfile).containsValue("target/mock-exporter.jar"));
        JsonNode mock = services.path("mock-service");
        assertEquals("Dockerfile.mock", mock.path("build").path("dockerfile").asText());
        int port = Integer.parseInt(argument(dockerfile, "EXPOSE"));
        assertEquals(port, mock.path("environment").path("MOCK_SERVICE_PORT").asInt());
        assertTrue(containerPorts(mock).contains(port));
    }

    @Test
    void wildFlyDockerfileRunsTheWildFlyWarOnPort8005OnTheBuildsWildFly() throws IOException {
        List<String[]> dockerfile = instructions(ROOT.resolve("Dockerfile.wildfly"));
        String wildFlyVersion = pomProperty("wildfly.version");
        assertEquals("quay.io/wildfly/wildfly:" + wildFlyVersion + "-jdk17", argument(dockerfile, "FROM"));
        assertEquals("8005", argument(dockerfile, "EXPOSE"));
        assertNotRoot(argument(dockerfile, "USER"));

        Map<String, String> copied = copies(dockerfile);
        assertEquals("target/service-metrics-wildfly.war", copied.get("/opt/jboss/wildfly/standalone/deployments/ROOT.war"));
        assertTrue(copied.containsValue("server-config/wildfly/configure.cli"), copied.toString());
        String module = "modules/system/layers/base/org/eclipse/persistence/main/";
        assertEquals("target/wildfly-" + wildFlyVersion + "/" + module, copied.get("/opt/jboss/wildfly/" + module + "main"),
                "the EclipseLink module as the build prepared it: " + copied);
        assertTrue(dockerfile.stream().anyMatch(instruction -> instruction[0].equals("RUN")
                && instruction[1].contains("jboss-cli.sh --file=/opt/jboss/configure.cli")), "configure.cli is applied in the image");

        List<String> command = List.of(new ObjectMapper().readValue(argument(dockerfile, "CMD"), String[].class));
        assertEquals("service-metrics.xml", command.get(command.indexOf("-c") + 1));
        assertTrue(command.contains("-Djboss.http.port=8005"), command.toString());
        Matcher healthCheck = Pattern.compile("https?://(?:127\\.0\\.0\\.1|localhost):(\\d+)(/\\S*)")
                .matcher(argument(dockerfile, "HEALTHCHECK"));
        assertTrue(healthCheck.find(), "HEALTHCHECK calls the service over HTTP");
        assertEquals("8005", healthCheck.group(1));
        assertTrue(PROBES.contains(healthCheck.group(2)), healthCheck.group(2) + " is one of " + PROBES);
    }

    @Test
    void wildFlyProfileRunsTheWildFlyVariantWithAPostgresqlOfItsOwn() {
        JsonNode service = services.path("service-metrics-wildfly");
        assertEquals("[\"wildfly\"]", service.path("profiles").toString());
        assertEquals("Dockerfile.wildfly", service.path("build").path("dockerfile").asText());
        assertTrue(containerPorts(service).contains(8005));
        JsonNode environment = service.path("environment");
        environment.fieldNames().forEachRemaining(name ->
                assertTrue(CONTRACT_VARIABLES.contains(name), name + " is not a contract variable"));
        assertEquals(services.path("service-metrics").path("environment").path("PROMETHEUS_URL"), environment.path("PROMETHEUS_URL"));
        assertEquals(services.path("service-metrics").path("environment").path("ALERTMANAGER_URL"), environment.path("ALERTMANAGER_URL"));
        String database = environment.path("DATABASE_URL").asText();
        assertTrue(database.startsWith("jdbc:postgresql://"), database);
        assertPointsAt(database.substring("jdbc:".length()), "postgres-wildfly", 5432);
        JsonNode postgres = services.path("postgres-wildfly");
        assertEquals("[\"wildfly\"]", postgres.path("profiles").toString());
        assertEquals(postgres.path("environment").path("POSTGRES_USER").asText(), environment.path("DATABASE_USER").asText());
        assertEquals("service_healthy", service.path("depends_on").path("postgres-wildfly").path("condition").asText());
        assertFalse(postgres.path("healthcheck").isMissingNode(), "postgres-wildfly has a healthcheck");
    }

    static String pomProperty(String name) throws IOException {
        Matcher property = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(property.find(), name + " in pom.xml");
        return property.group(1);
    }

    @Test
    void dockerignoreLetsInEveryFileTheDockerfilesCopy() throws IOException {
        List<String> rules = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        assertEquals("*", rules.get(0), "the build context is an allow-list");
        List<String> allowed = rules.stream().filter(rule -> rule.startsWith("!")).map(rule -> rule.substring(1)).toList();
        for (String file : List.of("Dockerfile", "Dockerfile.mock", "Dockerfile.wildfly")) {
            for (String source : copies(instructions(ROOT.resolve(file))).values()) {
                assertTrue(allowed.stream().anyMatch(rule -> FileSystems.getDefault().getPathMatcher("glob:" + rule).matches(Path.of(source))),
                        file + " copies " + source + ", which .dockerignore leaves out");
            }
        }
    }

    static void assertPinned(String image) {
        assertTrue(image.contains(":") && !image.endsWith(":latest"), image + " is pinned");
    }

    static void assertNotRoot(String user) {
        String name = user.split(":")[0];
        assertNotEquals("root", name);
        assertNotEquals("0", name);
    }

    /** Dockerfile instructions as {KEYWORD, arguments}, continuation lines joined, comments dropped. */
    static List<String[]> instructions(Path dockerfile) throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().trim().split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
            current.setLength(0);
        }
        return instructions;
    }

    /** The arguments of the last such instruction (the one Docker uses). */
    static String argument(List<String[]> instructions, String keyword) {
        String found = null;
        for (String[] instruction : instructions) {
            if (instruction[0].equals(keyword)) {
                found = instruction[1];
            }
        }
        assertTrue(found != null, "the Dockerfile has " + keyword);
        return found;
    }

    /** COPY destinations (file or directory + file name) mapped to their source in the build context. */
    static Map<String, String> copies(List<String[]> instructions) {
        Map<String, String> copies = new LinkedHashMap<>();
        for (String[] instruction : instructions) {
            if (!instruction[0].equals("COPY")) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(instruction[1].split("\\s+")));
            words.removeIf(word -> word.startsWith("--"));
            String destination = words.remove(words.size() - 1);
            for (String source : words) {
                String target = destination.endsWith("/") ? destination + Path.of(source).getFileName() : destination;
                copies.put(target, source);
            }
        }
        return copies;
    }

    static String interpolate(String value, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = variables.getOrDefault(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(result).toString();
    }

    static Map<String, String> dotEnv(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                values.put(trimmed.substring(0, trimmed.indexOf('=')).trim(), trimmed.substring(trimmed.indexOf('=') + 1).trim());
            }
        }
        return values;
    }

    static Optional<Path> onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
