package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.WebhookBodies;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.WildFlyProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WildFly with DATABASE_URL pointing at a real PostgreSQL: the incidents live there, Flyway's history
 * is there, a restarted WildFly serves the same incidents, and /mpmetrics has Payara's names. One
 * WildFly start and one restart.
 */
class WildFlyPostgresIT {

    static final String TOKEN = "wildfly-postgres-token";
    static final String WEBHOOK_TOKEN = "wildfly-postgres-webhook";

    static Postgres postgres;
    static WildFlyProcess wildFly;

    @BeforeAll
    static void start() {
        WildFlyProcess.assumePrepared();
        postgres = Postgres.start();
        wildFly = startWildFly();
    }

    @AfterAll
    static void stop() {
        if (wildFly != null) {
            wildFly.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    static WildFlyProcess startWildFly() {
        return WildFlyProcess.start("wildfly-postgres-it", Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next(),
                "DATABASE_URL", postgres.jdbcUrl(),
                "DATABASE_USER", postgres.user(),
                "DATABASE_PASSWORD", "",
                "API_TOKEN", TOKEN,
                "WEBHOOK_TOKEN", WEBHOOK_TOKEN));
    }

    @Test
    void incidentsLiveInPostgresqlAndSurviveARestartOfWildFly() throws Exception {
        Http http = wildFly.http();
        JsonObject database = Http.check(Http.json(http.get("/health/dependencies")), "database");
        assertEquals("postgresql", database.getJsonObject("data").getString("kind"), database.toString());

        HttpResponse<String> created = http.post("/api/incidents", "application/json", """
                {"title":"Replica lag on WildFly","severity":"warning","labels":{"instance":"db-2:9187"}}""",
                "Authorization", "Bearer " + TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> alerted = http.post("/api/alertmanager/webhook", "application/json",
                WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(),
                        Map.of("alertname", "WildFlyPostgres", "severity", "critical"),
                        Map.of("summary", "raised through the webhook on WildFly"), Instant.now().minusSeconds(30))),
                "Authorization", "Bearer " + WEBHOOK_TOKEN);
        assertEquals(200, alerted.statusCode(), alerted.body());
        long id = Http.json(created).getJsonNumber("id").longValue();
        Map<Long, String> before = incidents(http);
        assertEquals("Replica lag on WildFly open", before.get(id), before.toString());
        assertTrue(before.values().stream().anyMatch(incident -> incident.startsWith("raised through the webhook on WildFly")),
                before.toString());
        assertTrue(!Files.exists(wildFly.workDir().resolve("data/service-metrics.mv.db")), "no embedded H2 in use");

        wildFly.close();
        wildFly = startWildFly();

        assertEquals(before, incidents(wildFly.http()), "the same incidents, ids and statuses after the restart");
        List<String> applied = appliedMigrations();
        assertTrue(applied.containsAll(List.of("1", "2", "2.1", "2.2", "3")), "V1…V3 in flyway_schema_history: " + applied);
    }

    @Test
    void ownMetricsAreAtMpmetricsUnderPayarasNames() {
        Http http = wildFly.http();
        HttpResponse<String> alerted = http.post("/api/alertmanager/webhook", "application/json",
                WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(), Map.of("alertname", "WildFlyMetrics"),
                        Map.of("summary", "counted at /mpmetrics"), Instant.now())),
                "Authorization", "Bearer " + WEBHOOK_TOKEN);
        assertEquals(200, alerted.statusCode(), alerted.body());
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> http.get("/mpmetrics").body()
                        .matches("(?s).*\nscrape_cycles_total\\{mp_scope=\"application\",outcome=\"failed\",?} [1-9].*")),
                "a cycle against the absent Prometheus counted: " + http.get("/mpmetrics").body());
        HttpResponse<String> scraped = http.get("/mpmetrics");
        assertEquals(200, scraped.statusCode(), scraped.body());
        assertTrue(scraped.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), scraped.headers().toString());
        String own = scraped.body();
        for (String name : List.of("incidents_webhook_alerts_received_total", "incidents_webhook_duplicates_ignored_total",
                "incidents_reconcile_runs_total", "incidents_changes_published_total", "incidents_current",
                "scrape_cycles_total", "scrape_last_success_seconds", "snapshot_series")) {
            assertTrue(own.contains("# TYPE " + name), name + " in\n" + own);
        }
        assertTrue(own.contains("# TYPE scrape_cycle_last_duration_seconds gauge"), "durations in seconds, as on Payara: " + own);
        assertTrue(own.matches("(?s).*\nincidents_webhook_alerts_received_total\\{mp_scope=\"application\",?} [1-9].*"), own);

        // The base scope's names are MicroProfile Metrics' own (classloader_loadedClasses_count, as on
        // Payara), which promtool's linter dislikes; the text parses, and the application scope is clean.
        InstalledTool.Result all = InstalledTool.PROMTOOL.run(own, "check", "metrics");
        assertTrue(all.exitCode() == 0 || all.output().lines().filter(line -> !line.isBlank()).allMatch(line -> baseMetric(own, line.split(" ")[0])),
                "promtool check metrics:\n" + all.output());
        String application = http.get("/mpmetrics?scope=application").body();
        assertTrue(application.contains("# TYPE incidents_webhook_alerts_received_total counter"), application);
        assertTrue(!application.contains("mp_scope=\"base\""), application);
        InstalledTool.Result check = InstalledTool.PROMTOOL.run(application, "check", "metrics");
        assertTrue(check.succeeded(), "promtool check metrics:\n" + check.output() + "\n---\n" + application);
    }

    static boolean baseMetric(String exposition, String name) {
        return exposition.contains("\n" + name + "{mp_scope=\"base\"");
    }

    /** id → "title status" of every incident the API lists. */
    static Map<Long, String> incidents(Http http) {
        HttpResponse<String> response = http.get("/api/incidents");
        assertEquals(200, response.statusCode(), response.body());
        Map<Long, String> incidents = new TreeMap<>();
        Http.json(response).getJsonArray("items").stream().map(JsonValue::asJsonObject).forEach(item ->
                incidents.put(item.getJsonNumber("id").longValue(), item.getString("title") + " " + item.getString("status")));
        return incidents;
    }

    static List<String> appliedMigrations() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select version from flyway_schema_history where success and version is not null order by installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
