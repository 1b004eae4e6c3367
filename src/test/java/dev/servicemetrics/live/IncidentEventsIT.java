package dev.servicemetrics.live;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Incident changes made through the API and the webhook reach /ws subscribers without polling, coalesced
 * per incident into {@code changes} messages, and a storm of them leaves a connected dashboard connected.
 * Once on each server (Payara on the embedded H2, WildFly on PostgreSQL).
 */
@ParameterizedClass
@EnumSource(Server.class)
class IncidentEventsIT {

    static final String TOKEN = TestTokens.next("events");

    /** The server of this invocation; the static start gets it too. */
    @Parameter
    Server server;

    static RunningService service;

    @BeforeParameterizedClassInvocation
    static void start(Server server) {
        server.assumeAvailable();
        service = server.start("incident-events-it", Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next(),
                "ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next(),
                "API_TOKEN", TOKEN));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** The next incidents message, which must be a {@code changes} envelope; its entries. */
    static List<JsonObject> nextChanges(SocketClient client) throws InterruptedException {
        JsonObject message = client.nextJson(Duration.ofSeconds(10));
        assertEquals("incidents", message.getString("channel"), message.toString());
        assertEquals("changes", message.getString("type"), message.toString());
        assertTrue(message.getString("timestamp").endsWith("Z"));
        return message.getJsonObject("data").getJsonArray("changes").stream().map(JsonValue::asJsonObject).toList();
    }

    static SocketClient subscribed() throws InterruptedException {
        SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null);
        client.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
        assertEquals("subscribed", client.nextJson(Duration.ofSeconds(10)).getString("type"));
        return client;
    }

    @Test
    void createdAndUpdatedIncidentsArePublishedOnTheIncidentsChannel() throws Exception {
        Http http = service.http();
        try (SocketClient client = subscribed()) {
            HttpResponse<String> created = http.post("/api/incidents", "application/json",
                    "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"by\":\"alice\"}",
                    "Authorization", "Bearer " + TOKEN);
            assertEquals(201, created.statusCode(), created.body());
            long id = Http.json(created).getJsonNumber("id").longValue();

            List<JsonObject> changes = nextChanges(client);
            assertEquals(1, changes.size(), changes.toString());
            assertEquals("created", changes.get(0).getString("change"));
            JsonObject incident = changes.get(0).getJsonObject("incident");
            assertEquals(id, incident.getJsonNumber("id").longValue());
            assertEquals("Disk full on db-1", incident.getString("title"));

            HttpResponse<String> acknowledged = http.post("/api/incidents/" + id + "/acknowledge", "application/json",
                    "{\"by\":\"bob\"}", "Authorization", "Bearer " + TOKEN);
            assertEquals(200, acknowledged.statusCode(), acknowledged.body());
            List<JsonObject> updates = nextChanges(client);
            assertEquals(1, updates.size(), updates.toString());
            assertEquals("updated", updates.get(0).getString("change"));
            assertEquals("acknowledged", updates.get(0).getJsonObject("incident").getString("status"));
            assertEquals("bob", updates.get(0).getJsonObject("incident").getString("acknowledgedBy"));

            String webhook = """
                    {"version":"4","status":"firing","receiver":"service-metrics","groupKey":"{}:{alertname=\\"DiskUsageHigh\\"}",
                     "groupLabels":{"alertname":"DiskUsageHigh"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",
                     "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageHigh","severity":"warning","instance":"db-1"},
                       "annotations":{"summary":"Disk above 90%"},"startsAt":"2026-11-25T08:00:00.000Z",
                       "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom","fingerprint":"f00dfeed"}]}""";
            assertEquals(200, http.post("/api/alertmanager/webhook", "application/json", webhook,
                    "Authorization", "Bearer " + TOKEN).statusCode());
            List<JsonObject> fromAlert = nextChanges(client);
            assertEquals("created", fromAlert.get(0).getString("change"));
            assertEquals("alertmanager", fromAlert.get(0).getJsonObject("incident").getString("source"));
            assertEquals("warning", fromAlert.get(0).getJsonObject("incident").getString("severity"));
        }
    }

    @Test
    void aStormOfIncidentsReachesAConnectedDashboardInFewMessagesWithoutClosingIt() throws Exception {
        int storm = 1500;
        Http http = service.http();
        try (SocketClient client = subscribed()) {
            ExecutorService senders = Executors.newFixedThreadPool(16);
            Set<Long> createdIds = new HashSet<>();
            try {
                List<Future<HttpResponse<String>>> posts = new ArrayList<>();
                for (int i = 0; i < storm; i++) {
                    String body = "{\"title\":\"Storm " + i + "\",\"severity\":\"warning\",\"by\":\"storm\"}";
                    HttpRequest request = http.request("/api/incidents", "Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(120))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    posts.add(senders.submit(() -> http.sendOverHttp11(request)));
                }
                for (Future<HttpResponse<String>> post : posts) {
                    HttpResponse<String> created = post.get(5, TimeUnit.MINUTES);
                    assertEquals(201, created.statusCode(), created.body());
                    createdIds.add(Http.json(created).getJsonNumber("id").longValue());
                }
            } finally {
                senders.shutdownNow();
            }
            assertEquals(storm, createdIds.size());

            // every id arrives, however the service's windows fell
            Set<Long> seen = new HashSet<>();
            int messages = 0;
            while (!seen.containsAll(createdIds)) {
                assertFalse(client.closed.isDone(), () -> "the dashboard was closed: " + client.closed.join());
                for (JsonObject entry : nextChanges(client)) {
                    JsonObject incident = entry.getJsonObject("incident");
                    if (incident.getString("title").startsWith("Storm ")) {
                        assertEquals("created", entry.getString("change"), entry.toString());
                    }
                    seen.add(incident.getJsonNumber("id").longValue());
                }
                messages++;
            }
            assertFalse(client.closed.isDone(), "the dashboard stays connected");
            assertTrue(messages <= storm / 3, storm + " changes took " + messages + " messages");
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson(Duration.ofSeconds(10)).getString("type"), "and still answers");
        }
    }
}
