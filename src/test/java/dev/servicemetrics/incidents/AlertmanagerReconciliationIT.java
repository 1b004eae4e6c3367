package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real Alertmanager with no webhook configured at all, and the service on PostgreSQL: incidents
 * come and go only through reconciliation with Alertmanager's API, which never resolves anything
 * while Alertmanager is away. Once on each server.
 */
@ParameterizedClass
@EnumSource(Server.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerReconciliationIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** A route whose receiver has no webhook at all: the service only learns of alerts by asking. */
    static final String NO_WEBHOOK_CONFIG = """
            route:
              receiver: nobody
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nobody
            """;

    /** The server of this invocation; the static start gets it too. */
    @Parameter
    Server server;

    static Postgres postgres;
    static AlertmanagerProcess alertmanager;
    static RunningService service;
    static Http http;

    static final String TEST = UUID.randomUUID().toString();
    static final Map<String, String> LABELS = Map.of("alertname", "QueueStuck", "severity", "warning", "test", TEST);

    @BeforeParameterizedClassInvocation
    static void start(Server server) {
        server.assumeAvailable();
        postgres = Postgres.start();
        alertmanager = AlertmanagerProcess.start(NO_WEBHOOK_CONFIG, Map.of());
        service = server.start("alertmanager-reconciliation-it", Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next(),
                "ALERTMANAGER_URL", alertmanager.uri().toString(),
                "SCRAPE_INTERVAL", "1",
                "RECONCILE_INTERVAL", "2s",
                "API_TOKEN", TestTokens.next("api"),
                "DATABASE_URL", postgres.jdbcUrl(),
                "DATABASE_USER", postgres.user()));
        http = service.http();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        service = null;
        alertmanager = null;
        postgres = null;
    }

    @Test
    @Order(1)
    void reconciliationOpensTheIncidentOfAnAlertNoWebhookReported() {
        alertmanager.raise(LABELS, Map.of("summary", "orders queue not draining"), Instant.now().minusSeconds(30));
        assertTrue(Http.eventually(PATIENCE, () -> total("QueueStuck") == 1), "reconciliation found the alert");
        JsonObject incident = onlyIncident("QueueStuck");
        assertEquals("open", incident.getString("status"));
        assertEquals("warning", incident.getString("severity"));
        assertEquals("orders queue not draining", incident.getString("title"), "the group's common summary");
        assertEquals("nobody", incident.getString("receiver"), "the group as Alertmanager's API names it");
        assertEquals("QueueStuck", incident.getJsonObject("groupLabels").getString("alertname"));
        JsonObject opened = timeline(incident).getJsonObject(0);
        assertEquals("reconciliation", opened.getString("by"));
        assertTrue(opened.getString("message").contains("found by reconciliation"));
        assertEquals(0, IncidentsApiTests.metric(http, "incidents_webhook_alerts_received_total", ""), "no webhook at all");
        assertTrue(IncidentsApiTests.metric(http, "incidents_reconcile_opened_total", "") >= 1);
    }

    @Test
    @Order(2)
    void reconciliationResolvesTheIncidentOfAnAlertThatEnded() {
        Map<String, String> labels = Map.of("alertname", "CertExpiring", "severity", "info", "test", TEST);
        Instant start = Instant.now().minusSeconds(10);
        alertmanager.raise(labels, Map.of(), start);
        assertTrue(Http.eventually(PATIENCE, () -> total("CertExpiring") == 1), "reconciliation found the second alert");
        alertmanager.end(labels, start, Instant.now());
        assertTrue(Http.eventually(PATIENCE, () -> "resolved".equals(onlyIncident("CertExpiring").getString("status"))));
        JsonObject incident = onlyIncident("CertExpiring");
        assertEquals("reconciliation", incident.getString("resolvedBy"));
        JsonArray events = timeline(incident);
        assertEquals(List.of("opened", "resolved"), IncidentsApiTests.types(events));
        assertEquals("reconciliation", events.getJsonObject(1).getString("by"));
        assertTrue(events.getJsonObject(1).getString("message").contains("alert resolved"), events.toString());
        assertEquals("open", onlyIncident("QueueStuck").getString("status"), "the other alert still fires");
    }

    @Test
    @Order(3)
    void alertmanagerAwayLeavesIncidentsUntouchedAndBackWithoutTheAlertResolvesIt() {
        alertmanager.stop();
        double failures = IncidentsApiTests.metric(http, "incidents_reconcile_runs_total", "outcome=\"failure\"");
        assertTrue(Http.eventually(PATIENCE, () ->
                IncidentsApiTests.metric(http, "incidents_reconcile_runs_total", "outcome=\"failure\"") > failures),
                "a reconciliation ran while Alertmanager was away");
        assertEquals("open", onlyIncident("QueueStuck").getString("status"), "nothing is resolved unless Alertmanager answered");
        assertEquals("DOWN", Http.check(Http.json(http.get("/health/dependencies")), "alertmanager").getString("status"));
        assertEquals(200, http.get("/health/ready").statusCode(), "Alertmanager, shared by every replica, never fails readiness");
        assertEquals(503, http.get("/health").statusCode());
        assertTrue(service.log().contains("did not answer (ConnectException: Connection refused); no incident was changed"),
                "the log says why and that nothing changed");

        // Alertmanager keeps alerts in memory only: back without the alert, it no longer holds it
        alertmanager.restart();
        assertTrue(Http.eventually(PATIENCE, () -> "resolved".equals(onlyIncident("QueueStuck").getString("status"))));
        assertEquals("reconciliation", onlyIncident("QueueStuck").getString("resolvedBy"));
        assertTrue(service.log().contains("Reconciliation with Alertmanager works again"));
        assertEquals("UP", Http.check(Http.json(http.get("/health/dependencies")), "alertmanager").getString("status"));
    }

    private static long total(String alertname) {
        return Http.json(http.get("/api/incidents?label=test:" + TEST + "&label=alertname:" + alertname)).getInt("total");
    }

    private static JsonObject onlyIncident(String alertname) {
        JsonObject page = Http.json(http.get("/api/incidents?label=test:" + TEST + "&label=alertname:" + alertname));
        assertEquals(1, page.getInt("total"), page.toString());
        return page.getJsonArray("items").getJsonObject(0);
    }

    private static JsonArray timeline(JsonObject incident) {
        return Http.json(http.get("/api/incidents/" + incident.getJsonNumber("id") + "/timeline")).getJsonArray("events");
    }
}
