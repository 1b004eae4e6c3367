package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL that is down when the service starts (a node restart, a compose file without a health condition):
 * the service starts anyway, says what is missing, and serves once the database answers — rather than failing its
 * deployment, as it did while the persistence unit needed a connection to log in.
 */
class PostgresDownAtStartIT {

    /** The migrations retry every 5 s; the pool's first connection after the database returns, on a loaded machine. */
    static final Duration RECOVERY = Duration.ofMinutes(2);
    static final String TOKEN = TestTokens.next("api");

    @Test
    void theServiceStartsWithoutItsDatabaseReportsItAndServesOnceItAnswers() {
        try (Postgres postgres = Postgres.start()) {
            postgres.stop();
            try (ServiceProcess service = ServiceProcess.builder("postgres-down-at-start-it")
                    .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                    .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                    .env("DATABASE_URL", postgres.jdbcUrl())
                    .env("DATABASE_USER", postgres.user())
                    .env("API_TOKEN", TOKEN)
                    .start()) { // waits for /health/live
                Http http = service.http();
                assertTrue(service.log().contains("does not answer at start"), service.log());
                assertEquals(503, http.get("/health/started").statusCode(), "not started while the schema is not there");
                assertEquals(503, http.get("/health/ready").statusCode());
                assertEquals("DOWN", database(http).getString("status"));
                HttpResponse<String> list = http.get("/api/incidents");
                assertEquals(503, list.statusCode(), list.body());
                assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), list.headers().toString());

                postgres.restart();
                assertTrue(Http.eventually(RECOVERY, () -> http.get("/health/started").statusCode() == 200),
                        "started once the database answers and the migrations ran: " + service.log());
                assertEquals("UP", database(http).getString("status"));
                HttpResponse<String> created = http.post("/api/incidents", "application/json",
                        "{\"title\":\"Database came back\",\"severity\":\"warning\"}", "Authorization", "Bearer " + TOKEN);
                assertEquals(201, created.statusCode(), created.body());
                JsonObject page = Http.json(http.get("/api/incidents"));
                assertEquals("Database came back", page.getJsonArray("items").getJsonObject(0).getString("title"));
            }
        }
    }

    private static JsonObject database(Http http) {
        return Http.check(Http.json(http.get("/health/dependencies")), "database");
    }
}
