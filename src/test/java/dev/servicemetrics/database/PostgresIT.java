package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.StackExtension;
import dev.servicemetrics.testsupport.StackExtension.Component;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The service on a real PostgreSQL, including the database going away and coming back. */
class PostgresIT {

    @RegisterExtension
    static final StackExtension stack = StackExtension.of(Component.POSTGRES, Component.SERVICE)
            .named("postgres-it")
            .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
            .env("DATABASE_PASSWORD", "not-needed-with-trust-auth");

    static Postgres postgres;
    static ServiceProcess service;

    @BeforeAll
    static void start() {
        postgres = stack.postgres();
        service = stack.service();
    }

    @Test
    void migrationsRanOnPostgresqlAndReadinessSeesTheDatabase() throws Exception {
        assertEquals("UP", database().getString("status"));
        assertEquals("postgresql", database().getJsonObject("data").getString("kind"));
        try (Connection connection = postgres.connect();
             ResultSet history = connection.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE NOT success")) {
            assertTrue(history.next(), "Flyway keeps its history in PostgreSQL");
            assertEquals(0, history.getInt(1), "no failed migration");
        }
        assertTrue(service.log().contains("DATABASE_PASSWORD=****"), "password masked in the effective configuration line");
        assertTrue(!service.log().contains("not-needed-with-trust-auth"), "password never logged");
    }

    @Test
    void databaseStoppedIsReportedDownWhileTheReplicaStaysReadyAndItComesBackUp() {
        postgres.stop();
        try {
            assertTrue(Http.eventually(Duration.ofSeconds(30), () -> "DOWN".equals(database().getString("status"))),
                    "/health/dependencies reports the database down");
            assertEquals(200, service.http().get("/health/live").statusCode(), "still alive");
            assertEquals(200, service.http().get("/health/ready").statusCode(), "a database every replica shares never fails readiness");
            JsonObject health = Http.json(service.http().get("/health"));
            assertEquals("degraded", health.getString("status"), health.toString());
            assertEquals("DOWN", Http.check(health, "database").getString("status"));
        } finally {
            postgres.restart();
        }
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> "UP".equals(database().getString("status"))),
                "the database is reported up again after it returns");
    }

    private static JsonObject database() {
        return Http.check(Http.json(service.http().get("/health/dependencies")), "database");
    }
}
