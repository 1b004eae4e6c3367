package dev.servicemetrics.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.StackExtension;
import dev.servicemetrics.testsupport.StackExtension.Component;
import dev.servicemetrics.testsupport.InstalledTool;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With every dependency up, /health is exactly the seed's answer, and the seed's own client reads it. */
class SeedHealthIT {

    /** Prometheus scraping nothing, Alertmanager routing to no receiver: both up, nothing else. */
    @RegisterExtension
    static final StackExtension stack = StackExtension.of(Component.PROMETHEUS, Component.ALERTMANAGER, Component.SERVICE)
            .named("seed-health-it");

    static ServiceProcess service;

    @BeforeAll
    static void start() {
        service = stack.service();
    }

    @Test
    void healthIsTheSeedsOkWithAMillisecondUtcTimestamp() {
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> service.http().get("/health").statusCode() == 200),
                "all dependencies up: " + service.http().get("/health").body());
        HttpResponse<String> response = service.http().get("/health");
        JsonObject body = Http.json(response);
        assertEquals(2, body.size(), "exactly the seed's two fields: " + body);
        assertEquals("ok", body.getString("status"));
        assertTrue(body.getString("timestamp").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), body.toString());
        assertEquals(200, service.http().get("/health/ready").statusCode());
    }

    @Test
    void theSeedsReactCheckHealthSnippetPrintsOk() throws Exception {
        Path node = InstalledTool.NODE.require();
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> service.http().get("/health").statusCode() == 200));
        // The seed's snippet, unchanged but for the port the test runs the service on.
        String snippet = """
                async function checkHealth() {
                  const response = await fetch('http://localhost:PORT/health');
                  const data = await response.json();
                  console.log(data.status); // "ok"
                }
                checkHealth();
                """.replace("PORT", String.valueOf(service.port()));
        Path script = Files.createTempFile("check-health", ".mjs");
        Files.writeString(script, snippet);
        Process run = new ProcessBuilder(node.toString(), script.toString()).redirectErrorStream(true).start();
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("ok", output);
        assertEquals(0, run.exitValue());
    }
}
