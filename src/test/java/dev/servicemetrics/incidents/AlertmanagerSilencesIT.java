package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.StackExtension;
import dev.servicemetrics.testsupport.StackExtension.Component;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Silences through the service against a real Alertmanager with no webhook at all, so that what the
 * service knows comes from reconciliation alone — which is also how a silenced alert that ended gets
 * resolved, since Alertmanager sends no resolved notification for it (prometheus/alertmanager#226).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertmanagerSilencesIT {

    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final String API_TOKEN = TestTokens.next("api");
    static final String CONFIG = """
            route:
              receiver: nobody
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: nobody
            """;

    /** No webhook and no Prometheus (PROMETHEUS_URL points at a port nobody listens on): reconciliation only. */
    @RegisterExtension
    static final StackExtension stack = StackExtension.of(Component.ALERTMANAGER, Component.SERVICE)
            .named("alertmanager-silences-it")
            .alertmanager(servicePort -> CONFIG, Map.of())
            .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
            .env("SCRAPE_INTERVAL", "1")
            .env("RECONCILE_INTERVAL", "2s")
            .env("API_TOKEN", API_TOKEN);

    static AlertmanagerProcess alertmanager;
    static ServiceProcess service;
    static Http http;

    static final String NAME = "Silence" + UUID.randomUUID().toString().substring(0, 8);
    static final Map<String, String> LABELS = Map.of("alertname", NAME, "instance", "db-1:9100", "severity", "warning");
    static final Instant START = Instant.now().minusSeconds(30);
    static long id;
    static String silenceId;

    @BeforeAll
    static void start() {
        alertmanager = stack.alertmanager();
        service = stack.service();
        http = service.http();
        alertmanager.raise(LABELS, Map.of("summary", "replication lag"), START);
        assertTrue(Http.eventually(PATIENCE, () -> list().getInt("total") == 1), "reconciliation opened the incident");
        id = list().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
    }

    @Test
    @Order(1)
    void silencingTheIncidentCreatesTheSilenceInAlertmanagerWithTheGroupsMatchers() {
        HttpResponse<String> created = post("/api/incidents/" + id + "/silence",
                "{\"duration\":\"2h\",\"comment\":\"failing over the replica\",\"by\":\"alice\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject silence = Http.json(created);
        silenceId = silence.getString("silenceId");
        Instant endsAt = Instant.parse(silence.getString("endsAt"));
        assertTrue(Duration.between(Instant.parse(silence.getString("startsAt")), endsAt).equals(Duration.ofHours(2)));

        JsonObject inAlertmanager = amtoolSilence(silenceId);
        assertEquals("failing over the replica", inAlertmanager.getString("comment"));
        assertEquals("alice", inAlertmanager.getString("createdBy"));
        assertEquals("active", inAlertmanager.getJsonObject("status").getString("state"));
        JsonArray matchers = inAlertmanager.getJsonArray("matchers");
        assertEquals(1, matchers.size(), matchers.toString());
        assertEquals("alertname", matchers.getJsonObject(0).getString("name"));
        assertEquals(NAME, matchers.getJsonObject(0).getString("value"));
        assertEquals(false, matchers.getJsonObject(0).getBoolean("isRegex"));

        JsonObject event = last(timeline(), "silenced");
        assertEquals("alice", event.getString("by"));
        assertTrue(event.getString("message").contains(silenceId) && event.getString("message").contains("failing over the replica"),
                event.toString());
        assertEquals(silenceId, Http.json(http.get("/api/incidents/" + id + "/silences")).getJsonArray("items")
                .getJsonObject(0).getString("silenceId"));

        assertTrue(Http.eventually(PATIENCE, () -> alert().getString("state").equals("suppressed")
                        && Http.json(http.get("/api/incidents/" + id)).getJsonObject("alertCount").getInt("silenced") == 1),
                "reconciliation recorded the alert as silenced: " + alert());
        assertEquals(List.of(silenceId), alert().getJsonArray("silencedBy").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    @Order(2)
    void unsilencingExpiresItInAlertmanager() {
        HttpResponse<String> expired = http.send(http.request("/api/incidents/" + id + "/silence",
                "Authorization", "Bearer " + API_TOKEN, "X-Actor", "bob")
                .DELETE().build());
        assertEquals(200, expired.statusCode(), expired.body());
        assertEquals(silenceId, Http.json(expired).getJsonArray("expired").getString(0));
        assertEquals("expired", amtoolSilence(silenceId).getJsonObject("status").getString("state"));
        assertEquals("bob", last(timeline(), "unsilenced").getString("by"));
        assertTrue(Http.eventually(PATIENCE, () -> alert().getString("state").equals("active")), "the alert is active again: " + alert());
        JsonObject listed = Http.json(http.get("/api/incidents/" + id + "/silences")).getJsonArray("items").getJsonObject(0);
        assertEquals(false, listed.getBoolean("active"));
        assertEquals("bob", listed.getString("expiredBy"));
    }

    @Test
    @Order(3)
    void acknowledgingWithSilenceForSilencesToo() {
        HttpResponse<String> acknowledged = post("/api/incidents/" + id + "/acknowledge", "{\"by\":\"carol\",\"silenceFor\":\"1h\"}");
        assertEquals(200, acknowledged.statusCode(), acknowledged.body());
        assertEquals("acknowledged", Http.json(acknowledged).getString("status"));
        List<JsonObject> silences = Http.json(http.get("/api/incidents/" + id + "/silences")).getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertEquals(2, silences.size());
        assertEquals("carol", silences.get(0).getString("createdBy"));
        assertEquals("active", amtoolSilence(silences.get(0).getString("silenceId")).getJsonObject("status").getString("state"));
    }

    @Test
    @Order(4)
    void aSilencedAlertThatEndsResolvesItsIncidentThroughReconciliation() {
        assertTrue(Http.eventually(PATIENCE, () -> alert().getString("state").equals("suppressed")), "silenced: " + alert());
        alertmanager.end(LABELS, START, Instant.now());
        assertTrue(Http.eventually(PATIENCE, () -> "resolved".equals(Http.json(http.get("/api/incidents/" + id)).getString("status"))),
                "the silenced alert's end resolved the incident");
        JsonObject incident = Http.json(http.get("/api/incidents/" + id));
        assertEquals("reconciliation", incident.getString("resolvedBy"));
        String message = last(timeline(), "resolved").getString("message");
        assertTrue(message.contains("silenced alerts end without a resolved notification"), message);
    }

    @Test
    @Order(5)
    void badRequestsAndAPersonsIncidentAreRefusedAndNothingIsRecorded() {
        assertProblem(post("/api/incidents/" + id + "/silence", "{\"duration\":\"forever\"}"), 400, "/api/incidents/" + id + "/silence");
        assertProblem(post("/api/incidents/" + id + "/silence", "{}"), 400, "/api/incidents/" + id + "/silence");
        assertProblem(post("/api/incidents/999999/silence", "{\"duration\":\"1h\"}"), 404, "/api/incidents/999999/silence");
        assertProblem(http.post("/api/incidents/" + id + "/silence", "application/json", "{\"duration\":\"1h\"}"), 401,
                "/api/incidents/" + id + "/silence");
        long manual = Http.json(post("/api/incidents", "{\"title\":\"By hand\",\"severity\":\"info\"}")).getJsonNumber("id").longValue();
        assertProblem(post("/api/incidents/" + manual + "/silence", "{\"duration\":\"1h\"}"), 409, "/api/incidents/" + manual + "/silence");
        assertProblem(post("/api/incidents/" + id + "/silence", "{\"duration\":\"1h\",\"alert\":\"nosuchfingerprint\"}"), 409,
                "/api/incidents/" + id + "/silence");
    }

    @Test
    @Order(6)
    void alertmanagerDownIs503AndNothingIsRecorded() {
        int silencesBefore = Http.json(http.get("/api/incidents/" + id + "/silences")).getJsonArray("items").size();
        int eventsBefore = timeline().size();
        alertmanager.stop();
        JsonObject problem = assertProblem(post("/api/incidents/" + id + "/silence", "{\"duration\":\"1h\"}"), 503,
                "/api/incidents/" + id + "/silence");
        assertTrue(problem.getString("detail").contains("did not answer"), problem.toString());
        assertEquals(silencesBefore, Http.json(http.get("/api/incidents/" + id + "/silences")).getJsonArray("items").size());
        assertEquals(eventsBefore, timeline().size());
    }

    private static JsonObject list() {
        return Http.json(http.get("/api/incidents?label=alertname:" + NAME));
    }

    private static JsonObject alert() {
        return Http.json(http.get("/api/incidents/" + id + "/alerts")).getJsonArray("items").getJsonObject(0);
    }

    private static JsonArray timeline() {
        return Http.json(http.get("/api/incidents/" + id + "/timeline")).getJsonArray("events");
    }

    private static JsonObject last(JsonArray events, String type) {
        return events.getValuesAs(JsonObject.class).stream().filter(event -> type.equals(event.getString("type")))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no " + type + " in " + events));
    }

    private static String[] bearer() {
        return new String[] {"Authorization", "Bearer " + API_TOKEN};
    }

    private static HttpResponse<String> post(String path, String body) {
        return http.send(http.request(path, bearer()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** {@code amtool silence query --expired -o json}: the silence as Alertmanager holds it. */
    private static JsonObject amtoolSilence(String silenceId) {
        InstalledTool.Result result = InstalledTool.AMTOOL.run("", "--alertmanager.url=" + alertmanager.uri(), "silence", "query",
                "--expired", "-o", "json");
        InstalledTool.Result active = InstalledTool.AMTOOL.run("", "--alertmanager.url=" + alertmanager.uri(), "silence", "query",
                "-o", "json");
        for (InstalledTool.Result answer : List.of(active, result)) {
            assertEquals(0, answer.exitCode(), answer.output());
            for (JsonValue silence : Json.createReader(new StringReader(answer.output())).readArray()) {
                if (silenceId.equals(silence.asJsonObject().getString("id"))) {
                    return silence.asJsonObject();
                }
            }
        }
        throw new AssertionError("amtool does not show silence " + silenceId + ":\n" + active.output() + "\n" + result.output());
    }
}
