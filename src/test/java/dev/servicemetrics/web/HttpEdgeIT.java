package dev.servicemetrics.web;

import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.RawWebSocket;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS, problem+json and clients that go away, as a browser or curl sees them. */
class HttpEdgeIT {

    static final String TOKEN = TestTokens.next("http-edge");
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        service = ServiceProcess.builder("http-edge-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("CORS_ALLOWED_ORIGINS", "http://localhost:3000,https://grafana.example.com")
                .env("API_TOKEN", TOKEN)
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

    /**
     * A handshake's 101 carries what the handshake needs and no CORS or document headers: browsers apply
     * neither to a WebSocket, and the container keeps an upgraded connection's headers while it stays open.
     */
    @Test
    void aWebSocketHandshakeIsAnsweredWithoutCorsOrDocumentHeaders() throws Exception {
        HttpResponse<String> page = http.get("/health", "Origin", "http://localhost:3000");
        assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent(), "an ordinary answer has them");
        assertTrue(page.headers().firstValue("Access-Control-Allow-Origin").isPresent());
        assertEquals(List.of("DENY"), page.headers().allValues("X-Frame-Options"), "the service's own, not the container's too");
        assertFalse(page.headers().firstValue("Server").isPresent(), "the container does not name itself");
        for (String path : List.of("/ws", "/")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
                socket.setSoTimeout(20_000);
                List<String> head = RawWebSocket.handshake(socket, service.port(), path, "Origin: http://localhost:3000");
                assertTrue(head.get(0).startsWith("HTTP/1.1 101"), path + ": " + head);
                String names = String.join("\n", head).toLowerCase(Locale.ROOT);
                assertTrue(names.contains("sec-websocket-accept:"), path + ": " + head);
                for (String absent : List.of("content-security-policy", "x-content-type-options", "x-frame-options",
                        "referrer-policy", "cross-origin-opener-policy", "access-control-allow-origin", "access-control-expose-headers", "server")) {
                    assertFalse(names.contains(absent + ":"), path + " answers without " + absent + ": " + head);
                }
            }
        }
    }

    @Test
    void unknownApiPathIsA404Problem() {
        assertProblem(http.get("/api/does-not-exist"), 404, "/api/does-not-exist");
    }

    @Test
    void theApiDescribesItselfOnlyInTheReadmeNotAsGeneratedWadl() {
        assertProblem(http.get("/api/application.wadl"), 404, "/api/application.wadl");
        HttpResponse<String> options = http.method("OPTIONS", "/api/incidents", "Accept", "application/vnd.sun.wadl+xml");
        assertFalse(options.body().contains("wadl"), options.body());
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

    /**
     * A client that closes its connection while a long answer is still being written (here: a 4 MB page read
     * through a 4 KB receive window, then a reset) costs one line in the log, not Jersey's SEVERE trace.
     */
    @Test
    void aClientThatGoesAwayMidAnswerIsOneLineNotASevereTrace() throws Exception {
        String annotation = "x".repeat(20_000);
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> created = http.post("/api/incidents", "application/json",
                    "{\"title\":\"long answer " + i + "\",\"severity\":\"info\",\"annotations\":{\"runbook\":\"" + annotation + "\"}}",
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(201, created.statusCode(), created.body());
        }
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", service.port()));
            socket.getOutputStream().write(("GET /api/incidents?limit=200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(64);
            assertTrue(new String(start, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200"));
            socket.setSoLinger(true, 0); // closed with a reset, as a killed browser tab's connection often is
        }
        assertTrue(Http.eventually(Duration.ofMinutes(2),
                        () -> service.log().contains("A client closed its connection before its answer was written")),
                "the service noticed the client had gone");
        assertFalse(service.log().contains("An I/O error has occurred while writing a response message entity"),
                "no SEVERE trace for it");
        assertEquals(200, http.get("/api/incidents?limit=1").statusCode(), "and serves the next client");
    }
}
