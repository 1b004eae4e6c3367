package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.TestTokens;
import dev.servicemetrics.testsupport.WildFlyProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's datasource, the WildFly way: server-config/wildfly/add-postgresql-datasource.sh
 * installs the PostgreSQL driver as the module org.postgresql in the WildFly the build prepared under
 * target/ and defines java:jboss/datasources/ServiceMetricsDS in this test's copy of its configuration;
 * WildFly then starts without DATABASE_URL, and the service keeps its incidents in that PostgreSQL.
 */
class WildFlyOperatorDataSourceIT {

    static final Path SCRIPT = Path.of("server-config/wildfly/add-postgresql-datasource.sh").toAbsolutePath();
    static final String TOKEN = TestTokens.next("operator-ds");

    static Postgres postgres;
    static WildFlyProcess wildFly;
    static String scriptOutput;

    @BeforeAll
    static void start() {
        WildFlyProcess.assumePrepared();
        postgres = Postgres.start();
        wildFly = WildFlyProcess.start("wildfly-operator-datasource-it", Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next(),
                "API_TOKEN", TOKEN,
                "SERVICE_METRICS_DS_URL", postgres.jdbcUrl(),
                "SERVICE_METRICS_DS_USER", postgres.user(),
                "SERVICE_METRICS_DS_PASSWORD", "not-needed-with-trust-auth"), WildFlyOperatorDataSourceIT::addDataSource);
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

    static void addDataSource(Path home, Path base) throws IOException, InterruptedException {
        Path output = base.resolve("add-postgresql-datasource.out");
        ProcessBuilder script = new ProcessBuilder("bash", SCRIPT.toString(), home.toString(), driverJar().toString(),
                "service-metrics.xml", base.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = script.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        scriptOutput = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), scriptOutput);
    }

    /** The driver the WAR is built with, from the local Maven repository. */
    static Path driverJar() {
        return Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    @Test
    void theScriptInstalledTheModuleAndDefinedAValidatedDataSource() throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home"));
        String module = Files.readString(home.resolve("modules/org/postgresql/main/module.xml"));
        assertTrue(module.contains("name=\"org.postgresql\""), module);
        assertTrue(Files.isRegularFile(home.resolve("modules/org/postgresql/main/postgresql.jar")));
        String config = Files.readString(wildFly.workDir().resolve("configuration/service-metrics.xml"));
        assertTrue(config.contains("jndi-name=\"java:jboss/datasources/ServiceMetricsDS\""), scriptOutput);
        assertTrue(config.contains("<valid-connection-checker class-name=\"org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker\"/>"), config);
        assertTrue(config.contains("<background-validation>true</background-validation>"), config);
        assertTrue(config.contains("<connection-url>${env.SERVICE_METRICS_DS_URL}</connection-url>"), "no address written into the file");
        assertTrue(config.contains("<driver name=\"postgresql\" module=\"org.postgresql\">"), config);
    }

    @Test
    void theServiceKeepsItsIncidentsInTheOperatorsDataSource() throws SQLException {
        Http http = wildFly.http();
        JsonObject database = Http.check(Http.json(http.get("/health/dependencies")), "database");
        assertEquals("UP", database.getString("status"), database.toString());
        assertEquals("java:jboss/datasources/ServiceMetricsDS", database.getJsonObject("data").getString("datasource"), database.toString());
        assertEquals("postgresql", database.getJsonObject("data").getString("kind"));

        HttpResponse<String> created = http.post("/api/incidents", "application/json",
                "{\"title\":\"Kept by the operator's datasource\",\"severity\":\"info\"}", "Authorization", "Bearer " + TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(http.get("/api/incidents").body().contains("Kept by the operator's datasource"), "listed");
        assertEquals(List.of("Kept by the operator's datasource"), strings("SELECT title FROM incident"), "written to that PostgreSQL");
        assertTrue(strings("SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL").contains("3"),
                "Flyway migrated it");
        assertFalse(Files.exists(wildFly.workDir().resolve("data/service-metrics.mv.db")), "the embedded H2 was never opened");
        assertTrue(wildFly.log().contains("Database: the server's datasource java:jboss/datasources/ServiceMetricsDS"), "the start says which");
        assertEquals(List.of(), wildFly.log().lines().filter(line -> line.contains(" ERROR [")).toList());
    }

    static List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
