package dev.servicemetrics.incidents;

import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Tokens as a Kubernetes secret mounts them (API_TOKEN_FILE, WEBHOOK_TOKEN_FILE: a file, a trailing newline),
 * two at once during a rotation, and a client address that keeps presenting wrong tokens answered 429.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BearerTokensIT {

    static final String OLD = TestTokens.next("old");
    static final String NEW = TestTokens.next("new");
    static final String HOOK = TestTokens.next("hook");
    static final int LIMIT = 3;
    static final String CREATE = "{\"title\":\"Rotation\",\"severity\":\"info\"}";

    static Path secrets;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        secrets = Files.createTempDirectory("bearer-tokens-it-");
        Path api = Files.writeString(secrets.resolve("api-token"), OLD + "\n" + NEW + "\n");
        Path hook = Files.writeString(secrets.resolve("webhook-token"), HOOK + "\n");
        service = ServiceProcess.builder("bearer-tokens-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN_FILE", api.toString())
                .env("WEBHOOK_TOKEN_FILE", hook.toString())
                .env("AUTH_FAILURE_LIMIT", String.valueOf(LIMIT))
                .env("AUTH_FAILURE_WINDOW", "10m")
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        try (var files = Files.list(secrets)) {
            files.forEach(file -> file.toFile().delete());
        }
        Files.deleteIfExists(secrets);
    }

    @Test
    @Order(1)
    void bothTokensOfARotationAreAcceptedFromTheFileWithoutItsNewline() {
        for (String token : new String[] {OLD, NEW}) {
            HttpResponse<String> created = http.post("/api/incidents", "application/json", CREATE, "Authorization", "Bearer " + token);
            assertEquals(201, created.statusCode(), created.body());
        }
        String webhook = "{\"version\":\"4\",\"receiver\":\"r\",\"status\":\"firing\",\"groupLabels\":{},\"alerts\":[]}";
        HttpResponse<String> hooked = http.post("/api/alertmanager/webhook", "application/json", webhook, "Authorization", "Bearer " + HOOK);
        assertEquals(200, hooked.statusCode(), hooked.body());
        assertEquals(401, http.post("/api/alertmanager/webhook", "application/json", webhook, "Authorization", "Bearer " + OLD).statusCode(),
                "the webhook has its own token once WEBHOOK_TOKEN_FILE is set");
        assertTrue(service.log().contains("API_TOKEN=2 tokens (****)"), "the start-up line says how many, never which");
    }

    @Test
    @Order(2)
    void repeatedWrongTokensFromOneAddressAreAnswered429WithRetryAfterAndCounted() {
        // the first test's webhook call with the API's token was this address's first wrong token
        for (int i = 1; i < LIMIT; i++) {
            HttpResponse<String> wrong = http.post("/api/incidents", "application/json", CREATE, "Authorization", "Bearer " + TestTokens.next("wrong"));
            assertProblem(wrong, 401, "/api/incidents");
        }
        HttpResponse<String> throttled = http.post("/api/incidents", "application/json", CREATE, "Authorization", "Bearer " + NEW);
        String detail = assertProblem(throttled, 429, "/api/incidents").getString("detail");
        assertTrue(detail.startsWith("Too many wrong bearer tokens from 127.0.0.1"), detail);
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 600, "Retry-After within the window: " + retryAfter);
        assertProblem(http.post("/api/alertmanager/webhook", "application/json", "{}", "Authorization", "Bearer " + HOOK),
                429, "/api/alertmanager/webhook");
        assertEquals(200, http.get("/api/incidents").statusCode(), "reads need no token and are not throttled");

        String metrics = http.get("/mpmetrics").body();
        assertEquals(LIMIT - 1, metric(metrics, "auth_failures_total", "token=\"api\""), metrics);
        assertEquals(1, metric(metrics, "auth_failures_total", "token=\"webhook\""), metrics);
        assertTrue(metric(metrics, "auth_throttled_total", "") >= 2, metrics);
        assertFalse(service.log().contains(TestTokens.PREFIX), "no token, right or wrong, in the log");
    }

    private static long metric(String exposition, String name, String label) {
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)} ([0-9.eE+-]+)$").matcher(exposition);
        while (line.find()) {
            if (line.group(1).contains(label)) {
                return (long) Double.parseDouble(line.group(2));
            }
        }
        throw new AssertionError("no " + name + " {" + label + "} in /mpmetrics");
    }
}
