package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.OwnMetrics;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped in the middle of a stream of alerts that a real Alertmanager delivers to the webhook: while
 * it is down every delivery is refused with 503, Alertmanager keeps retrying, and once PostgreSQL is back (same port,
 * same data) every alert is recorded exactly once — by the webhook alone: reconciliation runs every 30 min here, so
 * only Alertmanager's retries can bring in what was refused.
 */
class PostgresOutageUnderAlertmanagerIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /** The pool reconnecting after the database returns, then Alertmanager's next retry, on a loaded machine. */
    static final Duration RECOVERY = Duration.ofMinutes(3);

    static Postgres postgres;
    static AlertmanagerProcess alertmanager;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        postgres = Postgres.start();
        int port = FreePort.next();
        alertmanager = AlertmanagerProcess.start(AlertStream.WEBHOOK_CONFIG.formatted(port), Map.of("webhook-token", WEBHOOK_TOKEN + "\n"));
        service = ServiceProcess.builder("postgres-outage-under-alertmanager-it")
                .port(port)
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", alertmanager.uri().toString())
                .env("SCRAPE_INTERVAL", "600")
                .env("DATABASE_URL", postgres.jdbcUrl())
                .env("DATABASE_USER", postgres.user())
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN)
                .start();
        http = service.http();
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> http.get("/health/ready").statusCode() == 200), service.log());
        // the first reconciliation runs a few seconds after the start; on a loaded machine it could otherwise come
        // after the first alerts and open their incidents before Alertmanager's webhook does
        assertTrue(Http.eventually(RECOVERY, () -> reconciliations() >= 1), "the first reconciliation ran: " + service.log());
    }

    private static double reconciliations() {
        String exposition = http.get("/mpmetrics").body();
        return exposition.contains("incidents_reconcile_runs_total")
                ? OwnMetrics.value(exposition, "incidents_reconcile_runs_total", "outcome=\"success\"") : 0;
    }

    @AfterAll
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
    }

    @Test
    void everyAlertOfTheStreamIsRecordedOnceAfterPostgresqlReturns() throws Exception {
        AlertStream stream = new AlertStream(alertmanager, "PgOutage");
        stream.raise(12);
        assertTrue(Http.eventually(RECOVERY, () -> stream.allRecorded(http)), "the first alerts arrive: " + stream.incidents(http));

        postgres.stop();
        try {
            stream.raise(12);
            assertTrue(Http.eventually(RECOVERY, () -> refusals() >= 2),
                    "Alertmanager delivered (and retried) while PostgreSQL was down, and was refused: " + service.log());
            assertEquals(503, http.get("/api/incidents").statusCode(), "the API says the database is unavailable");
        } finally {
            postgres.restart();
        }
        stream.raise(12);

        assertTrue(Http.eventually(RECOVERY, () -> stream.allRecorded(http)),
                "every alert is in once PostgreSQL is back: " + stream.incidents(http));
        assertEquals(stream.expectedRows(), stream.rows(postgres), "each alert is one row, firing");
        assertEquals(AlertStream.GROUPS, stream.incidents(http).size(), "one incident per group, none twice");
        for (JsonObject incident : stream.incidents(http)) {
            List<String> openedBy = Http.json(http.get("/api/incidents/" + incident.getJsonNumber("id") + "/timeline"))
                    .getJsonArray("events").stream().map(JsonValue::asJsonObject)
                    .filter(event -> event.getString("type").equals("opened")).map(event -> event.getString("by")).toList();
            assertEquals(List.of("alertmanager"), openedBy, "opened by the webhook, not by reconciliation");
        }
        assertEquals(0, IncidentsApiTests.metric(http, "incidents_reconcile_opened_total", ""), "reconciliation brought nothing");
        assertFalse(service.log().contains("500 /api/"), "no request was answered as a bug");
        assertTrue(alertmanager.log().isEmpty() || !alertmanager.log().contains("status code 4"),
                "Alertmanager never got a 4xx, which it would have dropped: " + alertmanager.log());
    }

    private static long refusals() {
        return service.log().lines().filter(line -> line.contains("503 /api/alertmanager/webhook")).count();
    }
}
