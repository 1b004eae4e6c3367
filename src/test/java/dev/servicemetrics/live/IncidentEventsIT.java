package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Incident changes made through the API and the webhook reach /ws subscribers without polling. */
class IncidentEventsIT {

    static ServiceProcess service;

    @BeforeAll
    static void start() {
        service = ServiceProcess.builder("incident-events-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN", "events-token")
                .start();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void createdAndUpdatedIncidentsArePublishedOnTheIncidentsChannel() throws Exception {
        Http http = service.http();
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
            assertEquals("subscribed", client.nextJson(Duration.ofSeconds(5)).getString("type"));

            HttpResponse<String> created = http.post("/api/incidents", "application/json",
                    "{\"title\":\"Disk full on db-1\",\"severity\":\"critical\",\"by\":\"alice\"}",
                    "Authorization", "Bearer events-token");
            assertEquals(201, created.statusCode(), created.body());
            long id = Http.json(created).getJsonNumber("id").longValue();

            JsonObject event = client.nextJson(Duration.ofSeconds(5));
            assertEquals("incidents", event.getString("channel"));
            assertEquals("created", event.getString("type"));
            assertTrue(event.getString("timestamp").endsWith("Z"));
            assertEquals(id, event.getJsonObject("data").getJsonNumber("id").longValue());
            assertEquals("Disk full on db-1", event.getJsonObject("data").getString("title"));

            HttpResponse<String> acknowledged = http.post("/api/incidents/" + id + "/acknowledge", "application/json",
                    "{\"by\":\"bob\"}", "Authorization", "Bearer events-token");
            assertEquals(200, acknowledged.statusCode(), acknowledged.body());
            JsonObject updated = client.nextJson(Duration.ofSeconds(5));
            assertEquals("updated", updated.getString("type"));
            assertEquals("acknowledged", updated.getJsonObject("data").getString("status"));
            assertEquals("bob", updated.getJsonObject("data").getString("acknowledgedBy"));

            String webhook = """
                    {"version":"4","status":"firing","receiver":"service-metrics","groupKey":"{}:{alertname=\\"DiskUsageHigh\\"}",
                     "groupLabels":{"alertname":"DiskUsageHigh"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am",
                     "alerts":[{"status":"firing","labels":{"alertname":"DiskUsageHigh","severity":"warning","instance":"db-1"},
                       "annotations":{"summary":"Disk above 90%"},"startsAt":"2026-11-25T08:00:00.000Z",
                       "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom","fingerprint":"f00dfeed"}]}""";
            assertEquals(200, http.post("/api/alertmanager/webhook", "application/json", webhook,
                    "Authorization", "Bearer events-token").statusCode());
            JsonObject fromAlert = client.nextJson(Duration.ofSeconds(5));
            assertEquals("created", fromAlert.getString("type"));
            assertEquals("alertmanager", fromAlert.getJsonObject("data").getString("source"));
            assertEquals("warning", fromAlert.getJsonObject("data").getString("severity"));
        }
    }
}
