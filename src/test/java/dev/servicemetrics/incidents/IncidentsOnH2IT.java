package dev.servicemetrics.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Server;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The incidents API on Payara with the default embedded H2 database (PostgreSQL mode). */
class IncidentsOnH2IT extends IncidentsApiTests {

    @Override
    Server server() {
        return Server.PAYARA;
    }

    @Override
    Map<String, String> database() {
        return Map.of();
    }

    @Override
    String name() {
        return "incidents-h2-it";
    }

    @Override
    String timeZone() {
        return "America/St_Johns";
    }

    @Test
    @Order(0)
    void migrationsCreatedTheSchemaInTheEmbeddedDatabase() {
        assertEquals("UP", Http.check(Http.json(http.get("/health/started")), "schema").getString("status"));
        assertEquals("h2-embedded", Http.check(Http.json(http.get("/health/dependencies")), "database").getJsonObject("data").getString("kind"));
        assertTrue(Files.exists(service.workDir().resolve("data/service-metrics.mv.db")));
        assertTrue(service.log().contains("Database schema at version 3"), "Flyway applied V1 to V3");
    }
}
