package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The incidents API on Payara with a real PostgreSQL, including two replicas sharing it. */
class IncidentsOnPostgresIT extends IncidentsApiTests {

    Postgres postgres;

    @Override
    @BeforeAll
    void start() {
        postgres = Postgres.start();
        super.start();
    }

    @Override
    @AfterAll
    void stop() {
        super.stop();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    Server server() {
        return Server.PAYARA;
    }

    @Override
    Map<String, String> database() {
        return Map.of("DATABASE_URL", postgres.jdbcUrl(),
                "DATABASE_USER", postgres.user(),
                "DATABASE_PASSWORD", "not-needed-with-trust-auth");
    }

    @Override
    String name() {
        return "incidents-postgres-it";
    }

    @Override
    String timeZone() {
        return "Pacific/Chatham";
    }

    @Test
    @Order(0)
    void migrationsCreatedTablesTheAlertIdentityKeyAndTheListIndexes() throws SQLException {
        try (Connection connection = postgres.connect()) {
            assertEquals(List.of("1", "2", "2.1", "2.2", "3"), strings(connection,
                    "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank"));
            assertEquals(Set.of("incident", "incident_label", "incident_annotation", "incident_event", "incident_group",
                    "incident_alert", "incident_alert_label", "incident_silence"), new HashSet<>(strings(connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'incident%'")));
            assertEquals(List.of("UNIQUE (fingerprint, starts_at)"), strings(connection,
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'incident_alert_key'"));
            assertEquals(List.of("UNIQUE (group_key)"), strings(connection,
                    "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'incident_group_identity'"));
            assertTrue(strings(connection, "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'incident%'").containsAll(List.of(
                    "incident_starts_at", "incident_status_starts_at", "incident_severity_starts_at", "incident_updated_at",
                    "incident_label_name_value", "incident_event_timeline")));
        }
    }

    /** Rows with exact timings written straight into the database the service uses. */
    @Test
    @Order(41)
    void statsOverRowsWrittenStraightIntoPostgresAreExact() throws SQLException {
        Instant start = Instant.parse("2018-01-01T00:00:00Z");
        try (Connection connection = postgres.connect()) {
            // acknowledged after 60, 120 and 180 s; resolved after 600 and 1200 s; one still open
            insert(connection, start, 60, 600, "CRITICAL");
            insert(connection, start, 120, 1200, "WARNING");
            insert(connection, start, 180, null, "WARNING");
            insert(connection, start, null, null, "INFO");
        }
        JsonObject stats = Http.json(http.get("/api/incidents/stats?from=2018-01-01T00:00:00Z&to=2018-01-02T00:00:00Z"));
        assertEquals(4, stats.getInt("total"));
        assertEquals(120.0, stats.getJsonNumber("meanTimeToAcknowledgeSeconds").doubleValue());
        assertEquals(900.0, stats.getJsonNumber("meanTimeToResolveSeconds").doubleValue());
        assertEquals(3, stats.getInt("acknowledged"));
        assertEquals(2, stats.getInt("resolved"));
        assertEquals(1, stats.getJsonObject("byStatus").getInt("open"));
        assertEquals(1, stats.getJsonObject("byStatus").getInt("acknowledged"));
        assertEquals(2, stats.getJsonObject("bySeverity").getInt("warning"));
    }

    /**
     * A page is answered again without reading it while PostgreSQL's snapshot has not moved; a change committed by
     * any writer (here another connection, as another replica or psql would) is in the very next page.
     */
    @Test
    @Order(42)
    void aListPageIsKeptUntilAnyTransactionCommitsAndTheNextPageShowsTheChange() throws SQLException {
        String title = "Kept page " + WebhookBodies.fingerprint();
        long id = createManual(title, "warning");
        String query = "q=" + URLEncoder.encode(title, StandardCharsets.UTF_8);
        assertEquals(title, list(query).getJsonArray("items").getJsonObject(0).getString("title"));
        // two pages in a row with no commit between them: the second is the kept one (a background commit between
        // them, such as the reconciler's lease, only means another try)
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> {
            double kept = metric("incidents_list_pages_total", "answer=\"kept\"");
            JsonObject first = list(query);
            JsonObject second = list(query);
            return metric("incidents_list_pages_total", "answer=\"kept\"") > kept && first.equals(second);
        }), "a repeated page was answered from the kept copy");

        try (Connection connection = postgres.connect();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE incident SET title = ?, severity = 'CRITICAL', version = version + 1 WHERE id = ?")) {
            update.setString(1, title + " (changed in SQL)");
            update.setLong(2, id);
            assertEquals(1, update.executeUpdate());
        }
        JsonObject changed = list(query).getJsonArray("items").getJsonObject(0);
        assertEquals(title + " (changed in SQL)", changed.getString("title"));
        assertEquals("critical", changed.getString("severity"));
    }

    @Test
    @Order(60)
    void twoReplicasOnOnePostgresKeepOneIncidentPerAlertAndSeeEachOthersChanges() throws Exception {
        try (RunningService replica = launchReplica()) {
            Http second = replica.http();
            String fingerprint = WebhookBodies.fingerprint();
            String body = WebhookBodies.payload(WebhookBodies.firing(fingerprint,
                    Map.of("alertname", "TwoReplicas", "fp", fingerprint), Map.of(), Instant.parse("2022-08-01T00:00:00Z")));
            AtomicInteger turn = new AtomicInteger();
            List<Integer> statuses = concurrently(20, () -> {
                Http replicaOfThisTurn = turn.getAndIncrement() % 2 == 0 ? http : second;
                return replicaOfThisTurn.sendOverHttp11(replicaOfThisTurn.request("/api/alertmanager/webhook", bearer(WEBHOOK_TOKEN))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build()).statusCode();
            });
            assertEquals(List.of(200), statuses.stream().distinct().toList());
            long id = onlyIncidentWith("fp", fingerprint).getJsonNumber("id").longValue();
            assertEquals(List.of("opened"), types(timeline(id)));

            // no stale cache on either replica: a change made on one is what the other shows and checks, and the
            // other's page of the group, read (and kept) before the change, is read again after it
            String listed = "/api/incidents?label=fp:" + fingerprint;
            for (int read = 0; read < 2; read++) {
                assertEquals("open", Http.json(second.get(listed)).getJsonArray("items").getJsonObject(0).getString("status"));
            }
            assertEquals(200, mutate("/api/incidents/" + id + "/acknowledge", "{\"by\":\"first-replica\"}").statusCode());
            assertEquals("first-replica", Http.json(second.get("/api/incidents/" + id)).getString("acknowledgedBy"));
            assertEquals("acknowledged", Http.json(second.get(listed)).getJsonArray("items").getJsonObject(0).getString("status"));
            HttpResponse<String> again = second.post("/api/incidents/" + id + "/acknowledge", "application/json", "{}", bearer(API_TOKEN));
            assertEquals(409, again.statusCode(), again.body());
        }
    }

    private RunningService launchReplica() {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:1",
                "ALERTMANAGER_URL", alertmanager.url().toString(),
                "TZ", "Asia/Kolkata",
                "API_TOKEN", API_TOKEN,
                "WEBHOOK_TOKEN", WEBHOOK_TOKEN));
        environment.putAll(database());
        return server().start(name() + "-replica", environment);
    }

    private static void insert(Connection connection, Instant start, Integer ackAfter, Integer resolveAfter, String severity)
            throws SQLException {
        String status = resolveAfter != null ? "RESOLVED" : ackAfter != null ? "ACKNOWLEDGED" : "OPEN";
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incident (id, title, severity, status, source,"
                + " starts_at, acknowledged_at, acknowledged_by, resolved_at, resolved_by, created_at, updated_at, version)"
                + " VALUES (nextval('incident_seq'), 'Direct', ?, ?, 'MANUAL', ?, ?, 'sql', ?, 'sql', ?, ?, 1)")) {
            insert.setString(1, severity);
            insert.setString(2, status);
            insert.setTimestamp(3, Timestamp.from(start));
            insert.setTimestamp(4, ackAfter == null ? null : Timestamp.from(start.plusSeconds(ackAfter)));
            insert.setTimestamp(5, resolveAfter == null ? null : Timestamp.from(start.plusSeconds(resolveAfter)));
            insert.setTimestamp(6, Timestamp.from(start));
            insert.setTimestamp(7, Timestamp.from(start));
            insert.executeUpdate();
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        try (ResultSet rows = connection.createStatement().executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
