package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.StackExtension;
import dev.servicemetrics.testsupport.StackExtension.Component;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end with a real Alertmanager whose webhook receiver posts to the service with the bearer
 * token, alerts raised and ended with amtool. The service also reconciles with the same Alertmanager,
 * so both paths see every alert. API_TOKEN is not set here: the webhook works, mutations do not.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerWebhookIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /**
     * Every alert to the service's webhook with the bearer token from a file; grouped by name and repeated
     * within seconds; at most 50 alerts per notification, so a larger group arrives truncated.
     */
    static final String WEBHOOK_CONFIG = """
            route:
              receiver: service-metrics
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 2s
            receivers:
              - name: service-metrics
                webhook_configs:
                  - url: 'http://127.0.0.1:%d/api/alertmanager/webhook'
                    send_resolved: true
                    max_alerts: 50
                    http_config:
                      authorization:
                        type: Bearer
                        credentials_file: webhook-token
            """;
    static final Duration PATIENCE = Duration.ofSeconds(45);

    /** Prometheus is not in the stack: PROMETHEUS_URL points at a port nobody listens on. */
    @RegisterExtension
    static final StackExtension stack = StackExtension.of(Component.ALERTMANAGER, Component.SERVICE)
            .named("alertmanager-webhook-it")
            .alertmanager(WEBHOOK_CONFIG::formatted, Map.of("webhook-token", WEBHOOK_TOKEN + "\n"))
            .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
            .env("SCRAPE_INTERVAL", "1")
            .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN);

    static AlertmanagerProcess alertmanager;
    static ServiceProcess service;
    static Http http;

    static final String TEST = UUID.randomUUID().toString();
    static final Map<String, String> LABELS = Map.of("alertname", "DiskFull", "severity", "critical", "instance", "db-1", "test", TEST);
    static Instant firstStart;
    static Instant firstEnd;
    static long firstId;

    @BeforeAll
    static void start() {
        alertmanager = stack.alertmanager();
        service = stack.service();
        http = service.http();
    }

    @Test
    @Order(1)
    void raisedAlertIsOneOpenIncidentThroughRepeatedNotificationsAndEndingItResolvesIt() {
        double received = metric("incidents_webhook_alerts_received_total", "");
        firstStart = Instant.now().minusSeconds(5);
        alertmanager.raise(LABELS, Map.of("summary", "disk 97% full on db-1"), firstStart);

        assertTrue(Http.eventually(PATIENCE, () -> total() == 1), "the alert became an incident");
        JsonObject incident = onlyIncident();
        firstId = incident.getJsonNumber("id").longValue();
        assertEquals("open", incident.getString("status"));
        assertEquals("critical", incident.getString("severity"), "severity from the alert's label");
        assertEquals("disk 97% full on db-1", incident.getString("title"), "the group's common summary");
        assertEquals("DiskFull", incident.getJsonObject("groupLabels").getString("alertname"));
        assertEquals("alertmanager", incident.getString("source"));
        assertEquals("db-1", incident.getJsonObject("labels").getString("instance"));

        double reconciled = metric("incidents_reconcile_runs_total", "outcome=\"success\"");
        assertTrue(Http.eventually(PATIENCE, () -> metric("incidents_webhook_alerts_received_total", "") >= received + 3
                && metric("incidents_reconcile_runs_total", "outcome=\"success\"") > reconciled),
                "Alertmanager repeated its notification and reconciliation saw the alert too");
        assertEquals(1, total(), "repeated notifications and reconciliation: still one incident");
        assertEquals(List.of("opened"), types(firstId));

        firstEnd = Instant.now();
        alertmanager.end(LABELS, firstStart, firstEnd);
        assertTrue(Http.eventually(PATIENCE, () -> "resolved".equals(onlyIncident().getString("status"))), "ending the alert resolved it");
        assertEquals(List.of("opened", "resolved"), types(firstId));
        assertEquals(1, total());
    }

    @Test
    @Order(2)
    void sameAlertFiringAgainIsANewIncidentLinkedToTheFirst() {
        // a start before the first firing's end would be that firing continuing (Alertmanager merges them)
        assertTrue(Http.eventually(PATIENCE, () -> Instant.now().isAfter(firstEnd.plusSeconds(2))));
        alertmanager.raise(LABELS, Map.of("summary", "disk 97% full on db-1"), Instant.now());
        assertTrue(Http.eventually(PATIENCE, () -> total() == 2), "a new firing is a new incident");
        JsonObject latest = Http.json(http.get("/api/incidents?label=test:" + TEST)).getJsonArray("items").getJsonObject(0);
        assertEquals("open", latest.getString("status"));
        assertEquals(firstId, latest.getJsonNumber("previousIncidentId").longValue());
        assertEquals(List.of("opened", "re-fired"), types(latest.getJsonNumber("id").longValue()));
    }

    @Test
    @Order(3)
    void withoutApiTokenEveryMutationIsRefusedWhileTheWebhookWorks() {
        JsonObject problem = assertProblem(http.post("/api/incidents", "application/json", "{\"title\":\"t\",\"severity\":\"info\"}",
                "Authorization", "Bearer " + WEBHOOK_TOKEN), 401, "/api/incidents");
        assertTrue(problem.getString("detail").contains("API_TOKEN is not set"), problem.toString());
        assertProblem(http.post("/api/incidents/" + firstId + "/acknowledge", "application/json", "{}"), 401,
                "/api/incidents/" + firstId + "/acknowledge");
        assertTrue(service.log().contains("API_TOKEN is not set: mutating endpoints answer 401"));
        assertEquals("UP", Http.check(Http.json(http.get("/health/dependencies")), "alertmanager").getString("status"));
    }

    @Test
    @Order(4)
    void twoHundredAlertsOfOneNameAreOneIncidentThatResolvesWhenAllHaveEnded() {
        String storm = "Storm" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minusSeconds(5);
        List<Map<String, String>> alerts = new java.util.ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            Map<String, String> labels = Map.of("alertname", storm, "instance", "node-" + i + ":9100", "severity",
                    i == 7 ? "critical" : "warning", "test", TEST);
            alerts.add(labels);
            alertmanager.raise(labels, Map.of("summary", "node down"), start);
        }
        String byName = "/api/incidents?label=alertname:" + storm;
        assertTrue(Http.eventually(PATIENCE, () -> Http.json(http.get(byName)).getInt("total") == 1
                && firing(Http.json(http.get(byName)).getJsonArray("items").getJsonObject(0)) == 200),
                "one incident holding all 200 alerts: " + http.get(byName).body());
        JsonObject incident = Http.json(http.get(byName)).getJsonArray("items").getJsonObject(0);
        assertEquals(200, incident.getJsonObject("alertCount").getInt("total"));
        assertEquals("critical", incident.getString("severity"), "the most severe firing alert");
        assertEquals("node down — 200 alerts", incident.getString("title"));
        assertTrue(service.log().contains("out of its notification (max_alerts); reconciling now"),
                "a notification truncated to 50 alerts made the service ask Alertmanager for the rest at once");
        assertEquals(1, Http.json(http.get("/api/incidents?label=instance:node-123:9100&label=test:" + TEST)).getInt("total"),
                "label= matches the labels of the incident's alerts");
        long id = incident.getJsonNumber("id").longValue();
        JsonObject firstPage = Http.json(http.get("/api/incidents/" + id + "/alerts?limit=150"));
        JsonObject secondPage = Http.json(http.get("/api/incidents/" + id + "/alerts?limit=150&cursor=" + firstPage.getString("nextCursor")));
        assertEquals(150, firstPage.getJsonArray("items").size());
        assertEquals(50, secondPage.getJsonArray("items").size());

        Instant end = Instant.now();
        alerts.forEach(labels -> alertmanager.end(labels, start, end));
        assertTrue(Http.eventually(PATIENCE, () -> "resolved".equals(Http.json(http.get("/api/incidents/" + id)).getString("status"))),
                "ending every alert resolved the incident");
        JsonObject resolved = Http.json(http.get("/api/incidents/" + id));
        assertEquals(0, firing(resolved));
        List<String> types = types(id);
        assertEquals("resolved", types.get(types.size() - 1));
        assertEquals(1, Http.json(http.get(byName)).getInt("total"), "still one incident");
    }

    private static int firing(JsonObject incident) {
        return incident.getJsonObject("alertCount").getInt("firing");
    }

    private static long total() {
        return Http.json(http.get("/api/incidents?label=test:" + TEST)).getInt("total");
    }

    private static JsonObject onlyIncident() {
        JsonObject page = Http.json(http.get("/api/incidents?label=test:" + TEST));
        assertEquals(1, page.getInt("total"), page.toString());
        return page.getJsonArray("items").getJsonObject(0);
    }

    private static List<String> types(long id) {
        JsonArray events = Http.json(http.get("/api/incidents/" + id + "/timeline")).getJsonArray("events");
        return IncidentsApiTests.types(events);
    }

    private static double metric(String name, String labels) {
        return IncidentsApiTests.metric(http, name, labels);
    }
}
