package dev.servicemetrics.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on its defaults (embedded H2) with Prometheus and Alertmanager unreachable. */
class HealthIT {

    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        service = ServiceProcess.builder("health-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void healthIsDegradedWith503AndNamesPrometheusWhenItIsUnreachable() {
        HttpResponse<String> response = http.get("/health");
        assertEquals(503, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = Http.json(response);
        assertEquals("degraded", body.getString("status"));
        assertTrue(body.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), body.toString());
        // Alertmanager (not running either) is among the failing checks too; the order is not part of the contract
        assertEquals("DOWN", Http.check(body, "prometheus").getString("status"));
    }

    @Test
    void livenessStaysUpWhilePrometheusIsDown() {
        HttpResponse<String> response = http.get("/health/live");
        assertEquals(200, response.statusCode());
        JsonObject body = Http.json(response);
        assertEquals("UP", body.getString("status"));
        assertEquals("process", body.getJsonArray("checks").getJsonObject(0).getString("name"));
    }

    @Test
    void readinessStaysUpWhilePrometheusAndAlertmanagerAreDown() {
        HttpResponse<String> response = http.get("/health/ready");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = Http.json(response);
        assertEquals("UP", body.getString("status"));
        assertEquals("UP", Http.check(body, "schema").getString("status"));
        assertTrue(body.getJsonArray("checks").stream().noneMatch(check -> check.asJsonObject().getString("name").matches(
                "prometheus|alertmanager|database")), "shared dependencies are not part of readiness: " + body);
    }

    @Test
    void dependenciesNamePrometheusDownAndTheEmbeddedDatabaseUp() {
        HttpResponse<String> response = http.get("/health/dependencies");
        assertEquals(503, response.statusCode());
        JsonObject body = Http.json(response);
        assertEquals("DOWN", body.getString("status"));
        assertEquals("DOWN", Http.check(body, "prometheus").getString("status"));
        assertEquals("DOWN", Http.check(body, "alertmanager").getString("status"));
        JsonObject database = Http.check(body, "database");
        assertEquals("UP", database.getString("status"));
        assertEquals("h2-embedded", database.getJsonObject("data").getString("kind"));
    }

    @Test
    void startedIsUpOnceTheApplicationHasStarted() {
        HttpResponse<String> response = http.get("/health/started");
        assertEquals(200, response.statusCode());
        JsonObject body = Http.json(response);
        assertEquals("UP", body.getString("status"));
        assertEquals("UP", Http.check(body, "schema").getString("status"));
    }

    @Test
    void embeddedDatabaseLivesUnderDataInTheWorkingDirectory() {
        assertTrue(Files.exists(service.workDir().resolve("data/service-metrics.mv.db")));
    }

    @Test
    void unknownProbeIsAProblem() {
        HttpResponse<String> response = http.get("/health/nope");
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    }

    @Test
    void containerHealthAndMetricsMovedAsideToMphealthAndMpmetrics() {
        // Payara's own endpoint evaluates the same probe beans: up, as /health/live, /ready and /started are
        assertEquals(200, http.get("/mphealth").statusCode());
        HttpResponse<String> metrics = http.get("/mpmetrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("# TYPE"), metrics.body());
    }
}
