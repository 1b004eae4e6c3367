package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FakeAlertmanager;
import dev.servicemetrics.testsupport.FakeAlertmanager.Fault;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager up but failing reconciliation — HTTP 500, a body that is not JSON, no answer at all — one after
 * the other, each for several runs: the incident whose alert Alertmanager held before stays open, the webhook
 * and the API keep answering, readiness stays UP while /health/dependencies names the failure, and the log has
 * one line per distinct failure, not one per run. A notification saying {@code truncatedAlerts} starts a run at
 * once, so the test need not wait out the 15 s period for each. Prometheus is not there at all: with no cycle
 * ever answered, the metrics endpoints are 503 problems (the service starts and serves incidents regardless).
 */
class AlertmanagerFaultsIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /** Runs of a few seconds each (a hung one ends at the client's 5 s read timeout), on a loaded machine. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    static FakeAlertmanager alertmanager;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        alertmanager = FakeAlertmanager.start();
        service = ServiceProcess.builder("alertmanager-faults-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", alertmanager.url().toString())
                .env("SCRAPE_INTERVAL", "5")
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN)
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    @Test
    void failingReconciliationResolvesNothingKeepsReadinessAndLogsEachDistinctFailureOnce() {
        String test = UUID.randomUUID().toString();
        JsonObject alert = WebhookBodies.firing(WebhookBodies.fingerprint(),
                Map.of("alertname", "HeldThroughFaults", "severity", "critical", "test", test),
                Map.of("summary", "held by Alertmanager throughout"), Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
        alertmanager.holdGroups(Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("labels", Json.createObjectBuilder().add("alertname", "HeldThroughFaults"))
                .add("receiver", Json.createObjectBuilder().add("name", "service-metrics"))
                .add("alerts", Json.createArrayBuilder().add(alert))).build().toString());
        String notification = WebhookBodies.payload(Map.of("alertname", "HeldThroughFaults"), List.of(alert), 1);
        assertEquals(200, webhook(notification).statusCode());
        String byTest = "/api/incidents?label=test:" + test;
        long id = Http.json(http.get(byTest)).getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        assertTrue(Http.eventually(PATIENCE, () -> runs("success") >= 1), "a healthy run first: " + service.log());

        expectFailures(Fault.SERVER_ERROR, "500", notification, id);
        expectFailures(Fault.GARBAGE, "JsonParsingException", notification, id);
        expectFailures(Fault.HANG, "timed out", notification, id);

        alertmanager.fail(Fault.NONE);
        assertTrue(Http.eventually(PATIENCE, () -> {
            webhook(notification);
            return service.log().contains("Reconciliation with Alertmanager works again");
        }), "recovered");
        assertEquals("open", Http.json(http.get("/api/incidents/" + id)).getString("status"), "still held, still open");
        assertEquals(1, Http.json(http.get(byTest)).getInt("total"), "no incident was added either");

        List<String> logged = service.log().lines().filter(line -> line.contains("Reconciliation failed")).toList();
        assertEquals(3, logged.size(), "one line per distinct failure, not one per run: " + logged);
        assertTrue(logged.get(0).contains("500"), logged.get(0));
        assertTrue(logged.get(1).contains("JsonParsingException"), logged.get(1));
        assertTrue(logged.get(2).contains("timed out"), logged.get(2));
        logged.forEach(line -> assertTrue(line.contains("no incident was changed"), line));
    }

    @Test
    void withNoCycleEverAnsweredTheMetricsEndpointsAre503Problems() {
        HttpResponse<String> exposition = http.get("/metrics");
        assertEquals(503, exposition.statusCode());
        assertEquals("application/problem+json", exposition.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(503, http.get("/api/metrics").statusCode());
        JsonObject prometheus = Http.check(Http.json(http.get("/health/dependencies")), "prometheus");
        assertTrue(prometheus.toString().contains("unreachable"), prometheus.toString());
    }

    /** Under {@code fault}, at least three runs fail (the first may have begun before it): nothing else changes. */
    private static void expectFailures(Fault fault, String cause, String notification, long id) {
        alertmanager.fail(fault);
        double before = runs("failure");
        assertTrue(Http.eventually(PATIENCE, () -> {
            HttpResponse<String> taken = webhook(notification);
            assertEquals(200, taken.statusCode(), fault + ": the webhook is not held up by reconciliation: " + taken.body());
            return runs("failure") >= before + 3;
        }), fault + ": three runs failed; log: " + service.log());

        JsonObject incident = Http.json(http.get("/api/incidents/" + id));
        assertEquals("open", incident.getString("status"), fault + ": nothing is resolved unless Alertmanager answered");
        assertEquals(1, incident.getJsonObject("alertCount").getInt("firing"), fault + ": " + incident);
        assertEquals(200, http.get("/health/ready").statusCode(), fault + ": Alertmanager, shared by every replica, never fails readiness");
        JsonObject check = Http.check(Http.json(http.get("/health/dependencies")), "alertmanager");
        String error = check.getJsonObject("data").getString("lastReconciliationError", "");
        assertTrue(error.contains(cause) && error.contains("no incident was changed"), fault + ": " + check);
    }

    /** Reconciliation runs so far with this outcome (0 before the first: the series appears with it). */
    private static double runs(String outcome) {
        try {
            return IncidentsApiTests.metric(http, "incidents_reconcile_runs_total", "outcome=\"" + outcome + "\"");
        } catch (AssertionError notYet) {
            return 0;
        }
    }

    private static HttpResponse<String> webhook(String body) {
        return http.post("/api/alertmanager/webhook", "application/json", body, "Authorization", "Bearer " + WEBHOOK_TOKEN);
    }
}
