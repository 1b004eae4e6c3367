package dev.servicemetrics.deploy;

import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.PrometheusProcess;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Prometheus, running prometheus-local.yml with its ports moved the way the file's header
 * says, scrapes the in-process mock exporter and loads the alert rules.
 */
class PrometheusScrapesMockExporterIT {

    private static MockExporter mock;
    private static PrometheusProcess prometheus;

    @BeforeAll
    static void start() throws IOException {
        mock = MockExporter.start("127.0.0.1", 0, 42);
        // nothing listens on the service's and Alertmanager's ports: those targets are simply down
        String config = Files.readString(ServerConfigIT.PROMETHEUS.resolve("prometheus-local.yml"))
                .replace("127.0.0.1:8081", "127.0.0.1:" + mock.uri().getPort())
                .replace("127.0.0.1:8005", "127.0.0.1:" + FreePort.next())
                .replace("127.0.0.1:9093", "127.0.0.1:" + FreePort.next())
                .replace("rules/", ServerConfigIT.PROMETHEUS.toAbsolutePath().resolve("rules") + "/")
                .replace("interval: 5s", "interval: 1s");
        prometheus = PrometheusProcess.start(config);
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        mock.close();
    }

    @Test
    void mockSeriesAppearAsJobMockMetrics() {
        JsonArray result = eventually(() -> data(prometheus.query("disk_usage_percent")).getJsonArray("result"),
                found -> !found.isEmpty());
        JsonObject labels = result.getJsonObject(0).getJsonObject("metric");
        assertEquals("mock-metrics", labels.getString("job"));
        assertEquals("127.0.0.1:" + mock.uri().getPort(), labels.getString("instance"));
        double disk = Double.parseDouble(result.getJsonObject(0).getJsonArray("value").getString(1));
        assertTrue(disk > 60 && disk < 96, "disk " + disk);
    }

    @Test
    void serviceMetricsIsScrapedAtMpmetrics() {
        JsonArray targets = data(prometheus.get("/api/v1/targets").body()).getJsonArray("activeTargets");
        List<String> urls = targets.getValuesAs(JsonObject.class).stream()
                .filter(target -> target.getJsonObject("labels").getString("job").equals("service-metrics"))
                .map(target -> target.getString("scrapeUrl")).toList();
        assertEquals(1, urls.size(), targets.toString());
        assertTrue(urls.get(0).endsWith("/mpmetrics"), urls.get(0));
    }

    @Test
    void everyLoadedAlertHasASeveritySummaryAndDescription() {
        JsonArray groups = data(prometheus.get("/api/v1/rules?type=alert").body()).getJsonArray("groups");
        List<JsonObject> rules = groups.getValuesAs(JsonObject.class).stream()
                .flatMap(group -> group.getJsonArray("rules").getValuesAs(JsonObject.class).stream()).toList();
        assertFalse(rules.isEmpty(), "no alert rules loaded:\n" + prometheus.log());
        for (JsonObject rule : rules) {
            String name = rule.getString("name");
            assertTrue(Set.of("critical", "warning", "info").contains(rule.getJsonObject("labels").getString("severity", "")), name);
            assertTrue(rule.getJsonObject("annotations").containsKey("summary"), name);
            assertTrue(rule.getJsonObject("annotations").containsKey("description"), name);
        }
    }

    private static JsonObject data(String json) {
        JsonObject answer = Json.createReader(new StringReader(json)).readObject();
        assertEquals("success", answer.getString("status"), json);
        return answer.getJsonObject("data");
    }

    private static <T extends JsonValue> T eventually(Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                fail("still " + last + " after 30 s:\n" + prometheus.log());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            last = probe.get();
        }
        return last;
    }
}
