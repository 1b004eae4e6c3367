package dev.servicemetrics.database;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * A database written by the V1 schema (one alert per incident, in the incident row) upgraded by the
 * service at start: every incident keeps its id, timeline, acknowledgement and resolution, and now
 * holds its alert, which a later notification of the same alert still finds. On PostgreSQL and H2.
 */
class V1UpgradeIT {

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    static final String TOKEN = TestTokens.next("hook");

    @Test
    void postgresV1IncidentsSurviveTheUpgradeWithTheirAlert() throws Exception {
        try (Postgres postgres = Postgres.start()) {
            try (Connection connection = postgres.connect()) {
                fillV1(connection, postgres.jdbcUrl(), postgres.user(), "");
            }
            upgradeAndCompare(ServiceProcess.builder("v1-upgrade-postgres")
                    .env("DATABASE_URL", postgres.jdbcUrl())
                    .env("DATABASE_USER", postgres.user())
                    .env("DATABASE_PASSWORD", "not-needed-with-trust-auth"));
        }
    }

    @Test
    void embeddedH2V1IncidentsSurviveTheUpgradeWithTheirAlert() throws Exception {
        // the embedded default: ./data/service-metrics in the service's working directory
        Path dir = Files.createTempDirectory("v1-upgrade-h2");
        String url = "jdbc:h2:file:" + dir.resolve("data/service-metrics") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (Connection connection = DriverManager.getConnection(url, "sa", DatabaseSettings.EMBEDDED_PASSWORD)) {
            fillV1(connection, url, "sa", DatabaseSettings.EMBEDDED_PASSWORD);
        }
        upgradeAndCompare(ServiceProcess.builder("v1-upgrade-h2").workDir(dir));
    }

    /**
     * Incident 1: an alert's, open, acknowledged, with a note. 2: an alert's, resolved by Alertmanager.
     * 3: the same alert firing again, linked to 2. 4: a person's, resolved by hand.
     */
    private static void fillV1(Connection connection, String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").target("1").load().migrate();
        insertIncident(connection, 1, "DiskFull: disk 97% full", "CRITICAL", "ACKNOWLEDGED", "ALERTMANAGER", "fp-disk", T0, null, null);
        connection.createStatement().executeUpdate("UPDATE incident SET acknowledged_at = TIMESTAMP WITH TIME ZONE"
                + " '2025-06-01 10:05:00+00', acknowledged_by = 'alice' WHERE id = 1");
        insertIncident(connection, 2, "InstanceDown", "WARNING", "RESOLVED", "ALERTMANAGER", "fp-down", T0, T0.plusSeconds(600), null);
        insertIncident(connection, 3, "InstanceDown", "WARNING", "OPEN", "ALERTMANAGER", "fp-down", T0.plusSeconds(3600), null, 2L);
        insertIncident(connection, 4, "Checkout slow", "INFO", "RESOLVED", "MANUAL", null, T0, T0.plusSeconds(60), null);
        label(connection, 1, "alertname", "DiskFull");
        label(connection, 1, "instance", "db-1:9100");
        label(connection, 2, "alertname", "InstanceDown");
        label(connection, 3, "alertname", "InstanceDown");
        label(connection, 4, "service", "checkout");
        try (PreparedStatement annotation = connection.prepareStatement(
                "INSERT INTO incident_annotation (incident_id, annotation_name, annotation_value) VALUES (1, 'summary', 'disk 97% full')")) {
            annotation.executeUpdate();
        }
        event(connection, 1, 1, "OPENED", T0, "alertmanager", "Firing in Alertmanager (received by webhook)");
        event(connection, 2, 1, "ACKNOWLEDGED", T0.plusSeconds(300), "alice", null);
        event(connection, 3, 1, "NOTE", T0.plusSeconds(400), "bob", "rotating logs");
        event(connection, 4, 2, "OPENED", T0, "alertmanager", "Firing in Alertmanager (received by webhook)");
        event(connection, 5, 2, "RESOLVED", T0.plusSeconds(600), "alertmanager", "Alertmanager reported the alert resolved");
        event(connection, 6, 3, "OPENED", T0.plusSeconds(3600), "alertmanager", "Firing in Alertmanager (received by webhook)");
        event(connection, 7, 3, "REFIRED", T0.plusSeconds(3600), "alertmanager", "The alert fired again after incident 2");
        event(connection, 8, 4, "OPENED", T0, "carol", "Reported through the API");
        event(connection, 9, 4, "RESOLVED", T0.plusSeconds(60), "carol", "fixed");
        connection.createStatement().execute("ALTER SEQUENCE incident_seq RESTART WITH 100");
        connection.createStatement().execute("ALTER SEQUENCE incident_event_seq RESTART WITH 100");
    }

    private static void upgradeAndCompare(ServiceProcess.Builder builder) {
        try (ServiceProcess service = builder.env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("WEBHOOK_TOKEN", TOKEN)
                .start()) {
            Http http = service.http();
            assertTrue(service.log().contains("Database schema at version 3"), "migrated from V1 to V3");

            JsonObject disk = Http.json(http.get("/api/incidents/1"));
            assertEquals("DiskFull: disk 97% full", disk.getString("title"));
            assertEquals("acknowledged", disk.getString("status"));
            assertEquals("alice", disk.getString("acknowledgedBy"));
            assertEquals("2025-06-01T10:05:00.000Z", disk.getString("acknowledgedAt"));
            assertEquals("db-1:9100", disk.getJsonObject("labels").getString("instance"));
            assertEquals(1, disk.getJsonObject("alertCount").getInt("firing"));
            assertEquals(1, disk.getJsonObject("alertCount").getInt("total"));
            assertEquals(List.of("opened", "acknowledged", "note"), types(http, 1));
            JsonObject diskAlert = onlyAlert(http, 1);
            assertEquals("fp-disk", diskAlert.getString("fingerprint"));
            assertEquals("firing", diskAlert.getString("status"));
            assertEquals("critical", diskAlert.getString("severity"));
            assertEquals("2025-06-01T10:00:00.000Z", diskAlert.getString("startsAt"));
            assertEquals("db-1:9100", diskAlert.getJsonObject("labels").getString("instance"));
            assertEquals("disk 97% full", diskAlert.getJsonObject("annotations").getString("summary"));
            assertEquals("http://prometheus:9090/graph?g0.expr=up", diskAlert.getString("generatorUrl"));

            JsonObject down = Http.json(http.get("/api/incidents/2"));
            assertEquals("resolved", down.getString("status"));
            assertEquals("2025-06-01T10:10:00.000Z", down.getString("resolvedAt"));
            assertEquals(0, down.getJsonObject("alertCount").getInt("firing"));
            JsonObject downAlert = onlyAlert(http, 2);
            assertEquals("resolved", downAlert.getString("status"));
            assertEquals("2025-06-01T10:10:00.000Z", downAlert.getString("endsAt"));
            assertEquals(2, Http.json(http.get("/api/incidents/3")).getJsonNumber("previousIncidentId").longValue());
            assertEquals(List.of("opened", "re-fired"), types(http, 3));

            JsonObject manual = Http.json(http.get("/api/incidents/4"));
            assertEquals("manual", manual.getString("source"));
            assertEquals("carol", manual.getString("resolvedBy"));
            assertEquals(0, manual.getJsonObject("alertCount").getInt("total"));
            assertEquals(List.of("opened", "resolved"), types(http, 4));
            assertEquals(4, Http.json(http.get("/api/incidents")).getInt("total"));
            assertEquals(1, Http.json(http.get("/api/incidents?label=instance:db-1:9100")).getInt("total"));

            // the upgraded incident's alert is still found by its key: its resolution resolves it, nothing new opens
            String resolved = """
                    {"version":"4","receiver":"service-metrics","groupLabels":{"alertname":"DiskFull"},
                     "commonLabels":{"alertname":"DiskFull"},"commonAnnotations":{},"truncatedAlerts":0,"alerts":[
                     {"status":"resolved","labels":{"alertname":"DiskFull","instance":"db-1:9100","severity":"critical"},
                      "annotations":{},"startsAt":"2025-06-01T10:00:00Z","endsAt":"2025-06-01T11:00:00Z",
                      "generatorURL":"","fingerprint":"fp-disk"}]}""";
            assertEquals(200, http.post("/api/alertmanager/webhook", "application/json", resolved,
                    "Authorization", "Bearer " + TOKEN).statusCode());
            JsonObject after = Http.json(http.get("/api/incidents/1"));
            assertEquals("resolved", after.getString("status"));
            assertEquals("2025-06-01T11:00:00.000Z", after.getString("resolvedAt"));
            assertEquals(4, Http.json(http.get("/api/incidents")).getInt("total"), "no incident was added");
            assertEquals(JsonValue.NULL, after.get("receiver"), "an upgraded incident belongs to no group");
        }
    }

    private static List<String> types(Http http, long id) {
        JsonArray events = Http.json(http.get("/api/incidents/" + id + "/timeline")).getJsonArray("events");
        return events.stream().map(event -> event.asJsonObject().getString("type")).toList();
    }

    private static JsonObject onlyAlert(Http http, long id) {
        JsonArray items = Http.json(http.get("/api/incidents/" + id + "/alerts")).getJsonArray("items");
        assertEquals(1, items.size(), items.toString());
        return items.getJsonObject(0);
    }

    private static void insertIncident(Connection connection, long id, String title, String severity, String status, String source,
                                       String fingerprint, Instant start, Instant resolvedAt, Long previous) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incident (id, title, severity, status, source,"
                + " fingerprint, starts_at, resolved_at, resolved_by, generator_url, previous_incident_id, created_at, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)")) {
            insert.setLong(1, id);
            insert.setString(2, title);
            insert.setString(3, severity);
            insert.setString(4, status);
            insert.setString(5, source);
            insert.setString(6, fingerprint);
            insert.setTimestamp(7, Timestamp.from(start));
            insert.setTimestamp(8, resolvedAt == null ? null : Timestamp.from(resolvedAt));
            insert.setString(9, resolvedAt == null ? null : "MANUAL".equals(source) ? "carol" : "alertmanager");
            insert.setString(10, fingerprint == null ? null : "http://prometheus:9090/graph?g0.expr=up");
            if (previous == null) {
                insert.setNull(11, java.sql.Types.BIGINT);
            } else {
                insert.setLong(11, previous);
            }
            insert.setTimestamp(12, Timestamp.from(start));
            insert.setTimestamp(13, Timestamp.from(resolvedAt == null ? start : resolvedAt));
            insert.executeUpdate();
        }
    }

    private static void label(Connection connection, long id, String name, String value) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO incident_label (incident_id, label_name, label_value) VALUES (?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, name);
            insert.setString(3, value);
            insert.executeUpdate();
        }
    }

    private static void event(Connection connection, long id, long incident, String type, Instant at, String actor, String message)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incident_event (id, incident_id, event_type,"
                + " occurred_at, actor, message) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setLong(2, incident);
            insert.setString(3, type);
            insert.setTimestamp(4, Timestamp.from(at));
            insert.setString(5, actor);
            insert.setString(6, message);
            insert.executeUpdate();
        }
    }
}
