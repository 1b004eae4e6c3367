package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A stream of alerts raised in a real Alertmanager through its API v2 (as Prometheus raises them), spread over
 * {@link #GROUPS} alert names, each alert with its own instance and the stream's {@code test} label; and what the
 * service recorded of them, read back through the API and straight from PostgreSQL. Alertmanager routes them to the
 * service's webhook (see {@link #WEBHOOK_CONFIG}).
 */
final class AlertStream {

    static final int GROUPS = 3;
    /** Grouped by name, notified within a second, repeated every few; the bearer token from a file. */
    static final String WEBHOOK_CONFIG = """
            route:
              receiver: service-metrics
              group_by: ['alertname']
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 5s
            receivers:
              - name: service-metrics
                webhook_configs:
                  - url: 'http://127.0.0.1:%d/api/alertmanager/webhook'
                    send_resolved: true
                    http_config:
                      authorization:
                        type: Bearer
                        credentials_file: webhook-token
            """;

    private final AlertmanagerProcess alertmanager;
    private final String test = UUID.randomUUID().toString();
    private final String prefix;
    private final Instant startsAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    private final List<Map<String, String>> raised = new ArrayList<>();
    private final List<Integer> ended = new ArrayList<>();

    AlertStream(AlertmanagerProcess alertmanager, String prefix) {
        this.alertmanager = alertmanager;
        this.prefix = prefix;
    }

    /** Raises {@code count} more alerts, one request each, as rule evaluations trickle in. */
    void raise(int count) {
        for (int i = 0; i < count; i++) {
            int n = raised.size();
            Map<String, String> labels = new TreeMap<>(Map.of("alertname", prefix + (n % GROUPS), "instance", "host-" + n,
                    "severity", "warning", "test", test));
            raised.add(labels);
            post(labels, null);
        }
    }

    /** Ends the alerts numbered {@code numbers} (as raised) now. */
    void end(int... numbers) {
        Instant now = Instant.now();
        for (int n : numbers) {
            post(raised.get(n), now);
            ended.add(n);
        }
    }

    private void post(Map<String, String> labels, Instant endsAt) {
        JsonObject alert = Json.createObjectBuilder()
                .add("labels", Json.createObjectBuilder(Map.copyOf(labels)))
                .add("annotations", Json.createObjectBuilder().add("summary", labels.get("alertname") + " on " + labels.get("instance")))
                .add("startsAt", startsAt.toString())
                .add("endsAt", endsAt == null ? "" : endsAt.toString())
                .add("generatorURL", "http://prometheus:9090/graph")
                .build();
        if (endsAt == null) {
            alert = Json.createObjectBuilder(alert).remove("endsAt").build();
        }
        JsonArrayBuilder array = Json.createArrayBuilder().add(alert);
        assertEquals(200, alertmanager.postAlerts(array.build().toString()), "Alertmanager took the alert");
    }

    int size() {
        return raised.size();
    }

    /** The stream's incidents as the API lists them. */
    List<JsonObject> incidents(Http http) {
        return Http.json(http.get("/api/incidents?limit=500&label=test:" + test)).getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).toList();
    }

    /** Whether the API shows every alert raised, each once, the ended ones resolved and the others firing. */
    boolean allRecorded(Http http) {
        List<JsonObject> incidents = incidents(http);
        int total = incidents.stream().mapToInt(incident -> incident.getJsonObject("alertCount").getInt("total")).sum();
        int firing = incidents.stream().mapToInt(incident -> incident.getJsonObject("alertCount").getInt("firing")).sum();
        return incidents.size() == GROUPS && total == raised.size() && firing == raised.size() - ended.size();
    }

    /** The instances of the stream's alerts in PostgreSQL, with how many rows each has and its status. */
    Map<String, String> rows(Postgres postgres) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection connection = postgres.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT labels, status, fingerprint, starts_at FROM incident_alert WHERE labels LIKE ?")) {
            select.setString(1, "%" + test + "%");
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String instance = Json.createReader(new java.io.StringReader(result.getString("labels"))).readObject()
                            .getString("instance");
                    rows.merge(instance, result.getString("status"), (first, second) -> first + "+" + second);
                }
            }
        }
        return rows;
    }

    /** What {@link #rows} must be: each alert once, FIRING or RESOLVED. */
    Map<String, String> expectedRows() {
        Map<String, String> expected = new TreeMap<>();
        for (int n = 0; n < raised.size(); n++) {
            expected.put("host-" + n, ended.contains(n) ? "RESOLVED" : "FIRING");
        }
        return expected;
    }
}
