package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.InstalledTool;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the running service serves at /openapi: every JAX-RS resource method is in it
 * with its answers, and requests generated from it by a tool no one here wrote (Portman's contract tests
 * and fuzzing variations, run by Newman, from src/test/fuzz) get answers the document describes: no
 * undocumented status, no 5xx but the documented 502/503 of an absent peer, every error problem+json,
 * every success valid against its schema — with the API token and without it.
 */
class OpenApiIT {

    static final String TOKEN = "fuzz-token-0123456789";
    static final java.nio.file.Path FUZZ = java.nio.file.Path.of("src/test/fuzz").toAbsolutePath();
    static final java.nio.file.Path OUT = java.nio.file.Path.of("target/fuzz").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    static ServiceProcess service;
    static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        service = ServiceProcess.builder("openapi-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN", TOKEN)
                // the run without the token sends hundreds of wrong ones from this address: throttling them
                // (BearerTokensIT's subject) would turn the run with the token into 429s
                .env("AUTH_FAILURE_LIMIT", "0")
                .start();
        String yaml = service.http().get("/openapi").body();
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("openapi.yaml"), yaml);
        Files.deleteIfExists(OUT.resolve("collection.json")); // made for this run's port, once for both runs
        document = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void documentHasATitleAVersionAndTheBearerSchemes() {
        assertEquals("service-metrics API", document.at("/info/title").asText());
        assertFalse(document.at("/info/version").asText().isBlank());
        assertEquals("bearer", document.at("/components/securitySchemes/apiToken/scheme").asText());
        assertEquals("bearer", document.at("/components/securitySchemes/webhookToken/scheme").asText());
    }

    @Test
    void everyResourceMethodIsDocumentedWithItsAnswers() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            String base = "/api/" + resource.getAnnotation(Path.class).value().replaceAll("^/|/$", "");
            for (Method method : resource.getDeclaredMethods()) {
                String verb = method.isAnnotationPresent(GET.class) ? "get" : method.isAnnotationPresent(POST.class) ? "post"
                        : method.isAnnotationPresent(DELETE.class) ? "delete" : null;
                if (verb == null) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = (sub == null ? base : base + "/" + sub.value()).replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}");
                JsonNode operation = document.path("paths").path(path).path(verb);
                if (operation.isMissingNode()) {
                    missing.add(verb.toUpperCase(Locale.ROOT) + " " + path + " (" + resource.getSimpleName() + "." + method.getName() + ")");
                    continue;
                }
                JsonNode responses = operation.path("responses");
                boolean success = false;
                for (var names = responses.fieldNames(); names.hasNext(); ) {
                    String status = names.next();
                    JsonNode answer = resolve(responses.path(status));
                    success |= status.startsWith("2");
                    String media = status.startsWith("2") ? "application/json" : "application/problem+json";
                    if (!answer.path("content").has(media) || resolve(answer.path("content").path(media).path("schema")).isMissingNode()) {
                        missing.add(verb + " " + path + " " + status + " without a " + media + " schema");
                    }
                }
                if (!success) {
                    missing.add(verb + " " + path + " without a 2xx answer");
                }
            }
        }
        assertTrue(missing.isEmpty(), "not in /openapi as they should be: " + missing);
        assertFalse(document.path("paths").toString().contains("\\d"), "no JAX-RS regex in a path template");
    }

    /** Found by fuzzing (issue 13): these bodies were 500s. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"[]", "null", "\"x\"", "1", "DEEP"})
    void aBodyThatIsNotOneObjectIsA400Problem(String body) {
        String sent = body.equals("DEEP") ? "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) : body;
        for (String path : List.of("/api/incidents", "/api/incidents/1/acknowledge", "/api/incidents/1/notes",
                "/api/incidents/1/resolve", "/api/incidents/1/silence", "/api/alertmanager/webhook")) {
            var answer = service.http().post(path, "application/json", sent, "Authorization", "Bearer " + TOKEN);
            var problem = dev.servicemetrics.testsupport.Problems.assertProblem(answer, 400, path);
            assertTrue(problem.getString("detail").contains(body.equals("DEEP") ? "nested" : "JSON object"), problem.toString());
        }
    }

    @Test
    void fuzzedRequestsWithTheTokenGetDocumentedAnswers() throws Exception {
        List<String> wrong = fuzz(TOKEN);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void fuzzedRequestsWithoutTheTokenGetDocumentedAnswers() throws Exception {
        List<String> wrong = fuzz("not-the-token");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Generates the collection from the served document, runs it, and lists every answer the document does not describe. */
    private static List<String> fuzz(String token) throws Exception {
        java.nio.file.Path node = InstalledTool.NODE.require();
        java.nio.file.Path npm = InstalledTool.NPM.require();
        if (!Files.isDirectory(FUZZ.resolve("node_modules/newman"))) {
            run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), "npm ci");
        }
        String name = token.equals(TOKEN) ? "with-token" : "without-token";
        java.nio.file.Path collection = OUT.resolve("collection.json");
        if (!Files.exists(collection)) {
            run(List.of(node.toString(), "node_modules/@apideck/portman/bin/portman", "-l", OUT.resolve("openapi.yaml").toString(),
                    "-c", "portman-config.json", "-o", collection.toString(), "-b", service.baseUri().toString().replaceAll("/$", ""),
                    "--syncPostman", "false"), "portman");
        }
        java.nio.file.Path report = OUT.resolve("newman-" + name + ".json");
        Files.deleteIfExists(report);
        List<String> newman = new ArrayList<>(List.of(node.toString(), "node_modules/newman/bin/newman.js", "run",
                collection.toString(), "--env-var", "bearerToken=" + token, "--reporters", "json",
                "--reporter-json-export", report.toString(), "--timeout-request", "20000"));
        if (!token.equals(TOKEN)) {
            // without the token no incident is made, so the {id} operations take this one (a 404, or a 401 first)
            newman.addAll(List.of("--env-var", "incidentId=1"));
        }
        runAllowingFailures(newman, "newman " + name);
        return check(JSON.readTree(report.toFile()), token.equals(TOKEN));
    }

    static List<String> check(JsonNode report, boolean authorized) {
        List<String> wrong = new ArrayList<>();
        JsonNode executions = report.at("/run/executions");
        assertTrue(executions.size() > 20, "newman ran " + executions.size() + " requests");
        for (JsonNode execution : executions) {
            String method = execution.at("/request/method").asText().toLowerCase(Locale.ROOT);
            String path = "/" + String.join("/", JSON.convertValue(execution.at("/request/url/path"), String[].class))
                    .replaceAll("/\\d+(?=/|$)", "/{id}");
            String item = method.toUpperCase(Locale.ROOT) + " " + path + " [" + execution.at("/item/name").asText() + "]";
            int status = execution.at("/response/code").asInt();
            String type = contentType(execution.at("/response/header"));
            JsonNode documented = document.path("paths").path(path).path(method).path("responses");
            if (documented.isMissingNode()) {
                wrong.add(item + ": not in the document");
                continue;
            }
            if (!documented.has(String.valueOf(status))) {
                wrong.add(item + ": " + status + " is not a documented answer " + iterable(documented.fieldNames()));
            }
            if (status >= 400 && !type.startsWith("application/problem+json")) {
                wrong.add(item + ": " + status + " answered as '" + type + "', not application/problem+json");
            }
            if (status >= 200 && status < 300) {
                if (!type.startsWith("application/json")) {
                    wrong.add(item + ": " + status + " answered as '" + type + "'");
                }
                for (JsonNode assertion : execution.path("assertions")) {
                    if (assertion.has("error")) {
                        wrong.add(item + ": " + assertion.path("assertion").asText() + ": " + assertion.at("/error/message").asText());
                    }
                }
            }
            if (!authorized && status >= 200 && status < 300 && !method.equals("get")) {
                wrong.add(item + ": a mutation succeeded without the token");
            }
        }
        return wrong;
    }

    private static String contentType(JsonNode headers) {
        for (JsonNode header : headers) {
            if (header.path("key").asText().equalsIgnoreCase("Content-Type")) {
                return header.path("value").asText();
            }
        }
        return "";
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    private static List<Class<?>> resourceClasses() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class") && !file.toString().contains("$"))
                    .map(file -> classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> !name.contains(".mock."))
                    .map(OpenApiIT::load)
                    .filter(type -> type != null && type.isAnnotationPresent(Path.class))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, OpenApiIT.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError unloadable) {
            return null;
        }
    }

    private static void run(List<String> command, String what) throws Exception {
        int exit = runAllowingFailures(command, what);
        assertEquals(0, exit, what + " failed; see target/fuzz/" + what.replace(' ', '-') + ".log");
    }

    /** Newman exits 1 when one of Portman's assertions fails; which of those matter is decided by {@link #check}. */
    private static int runAllowingFailures(List<String> command, String what) throws Exception {
        Process process = new ProcessBuilder(command).directory(FUZZ.toFile()).redirectErrorStream(true)
                .redirectOutput(OUT.resolve(what.replace(' ', '-') + ".log").toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(what + " did not finish within 5 minutes");
        }
        return process.exitValue();
    }
}
