package dev.servicemetrics.deploy;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.WildFlyProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same code on WildFly (target/service-metrics-wildfly.war in the WildFly the build prepared):
 * Debian's Prometheus scraping the bundled mock exporter and Debian's Alertmanager, the service pointed
 * at both, the incidents in the embedded H2. Contract §1: the WAR must also deploy on WildFly.
 */
class WildFlySmokeIT {

    static final List<String> SEED_METRICS = List.of("cpu_usage_seconds_total", "memory_usage_bytes",
            "disk_usage_percent", "http_requests_total", "request_duration_seconds");
    static final String TOKEN = TestTokens.next("wildfly");

    static MockExporter exporter;
    static PrometheusProcess prometheus;
    static AlertmanagerProcess alertmanager;
    static WildFlyProcess wildFly;
    static Http http;

    @BeforeAll
    static void start() {
        WildFlyProcess.assumePrepared();
        exporter = MockExporter.start("127.0.0.1", 0, 42);
        prometheus = PrometheusProcess.scrapingMockExporter(exporter.uri());
        alertmanager = AlertmanagerProcess.start("""
                route:
                  receiver: nobody
                receivers:
                  - name: nobody
                """, Map.of());
        long started = System.nanoTime();
        wildFly = WildFlyProcess.start("wildfly-smoke-it", Map.of(
                "PROMETHEUS_URL", prometheus.uri().toString(),
                "ALERTMANAGER_URL", alertmanager.uri().toString(),
                "SCRAPE_INTERVAL", "2",
                "RECONCILE_INTERVAL", "2s",
                "API_TOKEN", TOKEN));
        long live = System.nanoTime();
        http = wildFly.http();
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> http.get("/health").statusCode() == 200),
                "/health not ok within 60 s: " + http.get("/health").body() + "; see the log " + wildFly.log());
        System.out.printf("WildFly with the service: live after %d ms, first healthy cycle after %d ms more%n",
                TimeUnit.NANOSECONDS.toMillis(live - started), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - live));
    }

    @AfterAll
    static void stop() {
        if (wildFly != null) {
            wildFly.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void healthHasTheSeedShape() {
        HttpResponse<String> response = http.get("/health");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = Http.json(response);
        assertEquals(Set.of("status", "timestamp"), body.keySet(), body.toString());
        assertEquals("ok", body.getString("status"));
        assertTrue(body.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), body.toString());
    }

    @Test
    void probesAnswerMicroProfileHealthJson() {
        JsonObject live = probe("/health/live", 200);
        assertEquals("UP", Http.check(live, "process").getString("status"));
        JsonObject ready = probe("/health/ready", 200);
        assertEquals("UP", Http.check(ready, "schema").getString("status"));
        JsonObject dependencies = probe("/health/dependencies", 200);
        assertEquals("UP", Http.check(dependencies, "prometheus").getString("status"));
        assertEquals("UP", Http.check(dependencies, "alertmanager").getString("status"));
        JsonObject database = Http.check(dependencies, "database");
        assertEquals("UP", database.getString("status"));
        assertEquals("h2-embedded", database.getJsonObject("data").getString("kind"));
        JsonObject started = probe("/health/started", 200);
        assertEquals("UP", Http.check(started, "schema").getString("status"));
    }

    @Test
    void apiMetricsIsAFreshSnapshotFromPrometheus() {
        JsonObject snapshot = Http.json(http.get("/api/metrics"));
        assertFalse(snapshot.getBoolean("stale"), "no older than two intervals: " + snapshot);
        Instant.parse(snapshot.getString("timestamp"));
        JsonArray series = snapshot.getJsonArray("series");
        String instance = "127.0.0.1:" + exporter.uri().getPort();
        for (String name : SEED_METRICS) {
            assertTrue(series.stream().map(JsonValue::asJsonObject).anyMatch(s -> s.getString("name").equals(name)
                    && s.getJsonObject("labels").getString("instance", "").equals(instance)), name + " in " + snapshot);
        }
    }

    @Test
    void seedWebSocketSendsTheSeedMessageAtOnce() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(wildFly.webSocketUri("/"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(20, TimeUnit.SECONDS);
        try {
            JsonObject message = Json.createReader(new StringReader(first.get(10, TimeUnit.SECONDS))).readObject();
            assertEquals(Set.copyOf(SEED_METRICS), message.keySet(), message.toString());
            assertEquals(Set.of("0.1", "0.2", "0.5", "1"), message.getJsonObject("request_duration_seconds").keySet(), message.toString());
            assertTrue(message.getJsonNumber("memory_usage_bytes").doubleValue() > 0, message.toString());
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void incidentsAreCreatedAndListedOnTheEmbeddedH2() {
        String body = """
                {"title":"Disk almost full on WildFly","severity":"warning","labels":{"instance":"db-1:9100"}}""";
        HttpResponse<String> refused = http.post("/api/incidents", "application/json", body);
        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        HttpResponse<String> created = http.post("/api/incidents", "application/json", body, "Authorization", "Bearer " + TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject incident = Http.json(created);
        assertEquals("open", incident.getString("status"));
        assertEquals("manual", incident.getString("source"));
        long id = incident.getJsonNumber("id").longValue();

        JsonObject list = Http.json(http.get("/api/incidents?status=open"));
        assertTrue(list.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .anyMatch(item -> item.getJsonNumber("id").longValue() == id
                        && item.getString("title").equals("Disk almost full on WildFly")), list.toString());
        assertTrue(Files.exists(wildFly.workDir().resolve("data/service-metrics.mv.db")));
    }

    @Test
    void anAlertInAlertmanagerBecomesAnIncidentByReconciliation() {
        alertmanager.raise(Map.of("alertname", "WildFlySmoke", "severity", "critical"),
                Map.of("summary", "raised by WildFlySmokeIT"), Instant.now().minusSeconds(10));
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> Http.json(http.get("/api/incidents?source=alertmanager"))
                        .getJsonArray("items").stream().map(JsonValue::asJsonObject)
                        .anyMatch(item -> item.getString("title").equals("raised by WildFlySmokeIT"))),
                "the reconciliation timer opened the incident: " + http.get("/api/incidents").body());
    }

    @Test
    void errorsAreProblemsAndTheRootServesTheDashboardPage() {
        HttpResponse<String> missing = http.get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), missing.body());
        HttpResponse<String> root = http.get("/");
        assertEquals(200, root.statusCode());
        assertTrue(root.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), root.body());
    }

    @Test
    void wildFlyLogsNoError() {
        List<String> errors = wildFly.log().lines().filter(line -> line.contains(" ERROR [")).toList();
        assertEquals(List.of(), errors);
    }

    static JsonObject probe(String path, int status) {
        HttpResponse<String> response = http.get(path);
        assertEquals(status, response.statusCode(), path + ": " + response.body());
        JsonObject body = Http.json(response);
        assertEquals(status == 200 ? "UP" : "DOWN", body.getString("status"));
        return body;
    }
}
