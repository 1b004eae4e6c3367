package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service killed with SIGKILL while a real Alertmanager streams alerts to its webhook — a notification may be
 * half-written when it dies — and started again on the same port and PostgreSQL: alerts raised and ended while it
 * was gone, and those whose delivery it never answered, are all in afterwards, each once, the ended ones resolved
 * (Alertmanager's retries and the restarted service's reconciliation both bring them; neither records one twice).
 */
class ServiceKilledUnderAlertmanagerIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /** A restart of the service on a loaded machine, then a retry or a reconciliation (every 2 s here). */
    static final Duration RECOVERY = Duration.ofMinutes(3);

    static Postgres postgres;
    static AlertmanagerProcess alertmanager;
    static int port;
    static ServiceProcess service;

    @BeforeAll
    static void start() {
        postgres = Postgres.start();
        port = FreePort.next();
        alertmanager = AlertmanagerProcess.start(AlertStream.WEBHOOK_CONFIG.formatted(port), Map.of("webhook-token", WEBHOOK_TOKEN + "\n"));
        service = launch().start();
    }

    private static ServiceProcess.Builder launch() {
        return ServiceProcess.builder("service-killed-under-alertmanager-it")
                .port(port)
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", alertmanager.uri().toString())
                .env("SCRAPE_INTERVAL", "1")
                .env("RECONCILE_INTERVAL", "2s")
                .env("DATABASE_URL", postgres.jdbcUrl())
                .env("DATABASE_USER", postgres.user())
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN);
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
    void nothingIsLostOrDuplicatedWhenTheServiceIsKilledMidStream() throws Exception {
        AlertStream stream = new AlertStream(alertmanager, "Killed");
        stream.raise(12);
        assertTrue(Http.eventually(RECOVERY, () -> stream.allRecorded(service.http())),
                "the first alerts arrive: " + stream.incidents(service.http()));

        double received = IncidentsApiTests.metric(service.http(), "incidents_webhook_alerts_received_total", "");
        stream.raise(12);
        // the kill lands while Alertmanager is delivering the new alerts: the service has begun taking them
        assertTrue(Http.eventually(RECOVERY, () ->
                IncidentsApiTests.metric(service.http(), "incidents_webhook_alerts_received_total", "") > received));
        service.kill();

        stream.raise(12);
        stream.end(0, 5, 7);
        service = launch().start();
        stream.raise(6);

        assertTrue(Http.eventually(RECOVERY, () -> stream.allRecorded(service.http())),
                "every alert is in after the restart, the ended ones resolved: " + stream.incidents(service.http()));
        assertEquals(stream.expectedRows(), stream.rows(postgres), "each alert is one row, with its status");
        assertEquals(AlertStream.GROUPS, stream.incidents(service.http()).size(), "one incident per group, none twice");
        assertEquals(200, service.http().get("/health/ready").statusCode());
    }
}
