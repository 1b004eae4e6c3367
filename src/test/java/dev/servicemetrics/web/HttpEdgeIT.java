package dev.servicemetrics.web;

import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS and problem+json, as a browser or curl sees them. */
class HttpEdgeIT {

    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        service = ServiceProcess.builder("http-edge-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("CORS_ALLOWED_ORIGINS", "http://localhost:3000,https://grafana.example.com")
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void allowedOriginGetsCorsHeaders() {
        HttpResponse<String> response = http.get("/health", "Origin", "http://localhost:3000");
        assertEquals("http://localhost:3000", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void preflightFromAllowedOriginIsAnswered() {
        HttpResponse<String> response = http.method("OPTIONS", "/api/incidents",
                "Origin", "https://grafana.example.com",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization,content-type");
        assertEquals(204, response.statusCode());
        assertEquals("https://grafana.example.com", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
    }

    @Test
    void foreignOriginGetsNoCorsHeaders() {
        HttpResponse<String> simple = http.get("/health", "Origin", "http://evil.example.com");
        assertFalse(simple.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        HttpResponse<String> preflight = http.method("OPTIONS", "/health",
                "Origin", "http://evil.example.com", "Access-Control-Request-Method", "GET");
        assertFalse(preflight.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertFalse(preflight.headers().firstValue("Access-Control-Allow-Methods").isPresent());
    }

    @Test
    void pageServedByTheServiceItselfIsSameOrigin() {
        String own = "http://127.0.0.1:" + service.port();
        HttpResponse<String> response = http.get("/health", "Origin", own);
        assertEquals(own, response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void unknownApiPathIsA404Problem() {
        assertProblem(http.get("/api/does-not-exist"), 404, "/api/does-not-exist");
    }

    @Test
    void unknownPathOutsideTheApiIsA404ProblemNotAnHtmlPage() {
        assertProblem(http.get("/does-not-exist"), 404, "/does-not-exist");
    }

    @Test
    void wrongMethodOnAServletIsA405Problem() {
        assertProblem(http.post("/health", "application/json", "{}"), 405, "/health");
    }

    /**
     * The one kind of error that is not problem+json, kept here so that a Payara upgrade that changes it shows:
     * an encoded backslash ({@code %5C}) or bytes that are no UTF-8 ({@code %FF}) in the <em>path</em> are refused
     * by Payara's HTTP layer while it decodes the path to find the application — before any filter, servlet or
     * error page of ours exists for the request — with {@code 400 Invalid URI} and an empty body. Grizzly 4.0.2's
     * {@code HttpRequestURIDecoder.ALLOW_BACKSLASH} is a compile-time {@code false} (the switch that would let
     * {@code %5C} through, eclipse-ee4j/glassfish-grizzly#2316, payara/Payara#8432, is in no Payara 6 release);
     * see docs/security.md, "Faults". Over an HTTP/2 connection Payara decodes invalid UTF-8 leniently (U+FFFD),
     * so there {@code %FF} is a 404 problem like any unknown path; {@code %5C} is refused either way.
     */
    @Test
    void encodedBackslashOrInvalidUtf8InThePathIsTheContainersBare400() {
        for (String path : List.of("/api/incidents%5C", "/api/incidents/1%5C", "/%5C", "/api/%FF", "/api/incidents/%C3%28")) {
            // over HTTP/1.1, as curl and Alertmanager send (on an HTTP/2 connection %FF reaches the application)
            HttpResponse<String> refused = http.sendOverHttp11(http.request(path).GET().build());
            assertEquals(400, refused.statusCode(), path);
            assertEquals("", refused.body(), path + ": no page, no stack trace");
            assertFalse(refused.headers().firstValue("Content-Type").isPresent(), path);
        }
        assertFalse(service.log().contains("Invalid URI"), "nothing logged for it either");
    }

    /** In the query the same bytes reach the application: a filter that cannot take them is a 400 problem. */
    @Test
    void encodedBackslashOrInvalidUtf8InTheQueryReachTheApplication() {
        assertEquals(200, http.get("/api/incidents?q=%5C").statusCode(), "a backslash is text like any other");
        assertEquals(200, http.get("/api/incidents?q=%FF").statusCode());
        assertProblem(http.get("/api/incidents?sort=%5C"), 400, "/api/incidents");
        assertProblem(http.get("/api/incidents?limit=%FF"), 400, "/api/incidents");
        assertProblem(http.get("/api/incidents?status=%5C%FF"), 400, "/api/incidents");
    }
}
