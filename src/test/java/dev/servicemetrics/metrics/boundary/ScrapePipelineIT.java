package dev.servicemetrics.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.live.SocketClient;
import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.Problems;
import dev.servicemetrics.testsupport.OwnMetrics;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.StackExtension;
import dev.servicemetrics.testsupport.StackExtension.Component;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * End to end with the real parts: the bundled mock exporter, Debian's Prometheus scraping it every
 * second, and the built service pointed at that Prometheus with a 2 s cycle.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScrapePipelineIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** The bound of every wait for a cycle; a loaded machine runs late. */
    static final Duration PATIENCE = Patience.ofIntervals(INTERVAL);
    static final List<String> SEED_METRICS = List.of("cpu_usage_seconds_total", "memory_usage_bytes",
            "disk_usage_percent", "http_requests_total", "request_duration_seconds");

    @RegisterExtension
    static final StackExtension stack = StackExtension.of(Component.MOCK_EXPORTER, Component.PROMETHEUS, Component.SERVICE)
            .named("scrape-pipeline-it")
            .exporterSeed(42)
            .env("SCRAPE_INTERVAL", String.valueOf(INTERVAL.toSeconds()))
            .env("HISTORY_WINDOW", "5m");

    static MockExporter exporter;
    static PrometheusProcess prometheus;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        exporter = stack.exporter();
        prometheus = stack.prometheus();
        service = stack.service();
        http = service.http();
        assertTrue(Http.eventually(PATIENCE, () -> http.get("/metrics").statusCode() == 200
                        && http.get("/metrics").body().contains("request_duration_seconds_bucket")),
                "no snapshot with the mock's metrics within 60 s; see " + service.log());
    }

    @Test
    @Order(1)
    void metricsIsPromtoolCleanWithHelpTypeAndTheSeedsLabels() throws Exception {
        HttpResponse<String> response = http.get("/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").replace(" ", "").startsWith("text/plain;version=0.0.4"));
        String body = response.body();
        String instance = "127.0.0.1:" + exporter.uri().getPort();
        for (String name : SEED_METRICS) {
            assertTrue(body.contains("# HELP " + name + " "), name + " has HELP:\n" + body);
            assertTrue(body.contains("# TYPE " + name + " "), name + " has TYPE:\n" + body);
        }
        assertTrue(body.contains("memory_usage_bytes{job=\"mock-metrics\",instance=\"" + instance + "\"} "), body);
        assertTrue(body.contains("# TYPE request_duration_seconds histogram"), body);
        assertTrue(body.contains("request_duration_seconds_bucket{job=\"mock-metrics\",instance=\"" + instance + "\",le=\"+Inf\"} "), body);
        assertTrue(body.contains("request_duration_seconds_count{job=\"mock-metrics\",instance=\"" + instance + "\"} "), body);
        assertFalse(body.contains(":rate1m"), "derived views are not exposed:\n" + body);
        InstalledTool.assertPromtoolClean(body);
    }

    @Test
    @Order(2)
    void apiMetricsIsFreshWithEverySeries() {
        JsonObject snapshot = Http.json(http.get("/api/metrics"));
        assertFalse(snapshot.getBoolean("stale"), "no older than two intervals: " + snapshot);
        Instant.parse(snapshot.getString("timestamp"));
        JsonArray series = snapshot.getJsonArray("series");
        assertTrue(series.size() >= 5, snapshot.toString());
        for (String name : SEED_METRICS) {
            assertTrue(series.stream().anyMatch(s -> s.asJsonObject().getString("name").equals(name)), name + " in " + snapshot);
        }
        JsonObject histogram = series.stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals("request_duration_seconds")).findFirst().orElseThrow();
        assertEquals("histogram", histogram.getString("type"));
        assertEquals(histogram.getJsonNumber("count").longValue(), histogram.getJsonObject("buckets").getJsonNumber("+Inf").longValue());
    }

    @Test
    @Order(3)
    void historyHasSeveralPointsFromTheCycleAndFromPrometheus() {
        assertTrue(Http.eventually(PATIENCE, () -> points(Http.json(http.get("/api/metrics/history?name=memory_usage_bytes"))) >= 3));
        JsonObject kept = Http.json(http.get("/api/metrics/history?name=memory_usage_bytes"));
        assertEquals("cycle", kept.getString("source"));
        assertEquals("2s", kept.getString("step"));
        JsonObject asked = Http.json(http.get("/api/metrics/history?name=http_requests:rate1m&range=10m&step=1s"));
        assertEquals("prometheus", asked.getString("source"));
        assertTrue(points(asked) >= 3, asked.toString());
    }

    @Test
    @Order(4)
    void historyRejectsUnknownNamesAndBadRanges() {
        Problems.assertProblem(http.get("/api/metrics/history?name=no_such_metric"), 404);
        Problems.assertProblem(http.get("/api/metrics/history"), 400);
        Problems.assertProblem(http.get("/api/metrics/history?name=memory_usage_bytes&range=forever"), 400);
        Problems.assertProblem(http.get("/api/metrics/history?name=memory_usage_bytes&range=1h&step=0s"), 400);
        Problems.assertProblem(http.get("/api/metrics/history?name=memory_usage_bytes&range=31d&step=1s"), 400);
        Problems.assertProblem(http.get("/api/metrics/history?name=request_duration_seconds"), 400);
    }

    @Test
    @Order(5)
    void ownMetricsCountCycles() {
        String own = http.get("/mpmetrics").body();
        assertTrue(own.contains("scrape_cycles_total{mp_scope=\"application\",outcome=\"complete\"}"), own);
        assertTrue(own.contains("scrape_last_success_seconds"), own);
        assertTrue(OwnMetrics.value(own, "prometheus_queries_total") >= 1, own);
        double lastQuery = OwnMetrics.value(own, "prometheus_query_last_duration_seconds");
        assertTrue(lastQuery > 0 && lastQuery < 60, "a query's duration in seconds: " + lastQuery);
    }

    @Test
    @Order(10)
    void prometheusStoppedMakesTheSnapshotStaleAndBackMakesItFresh() throws Exception {
        SocketClient dashboard = SocketClient.connect(service.webSocketUri("/ws"), null);
        dashboard.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
        signal("STOP");
        try {
            JsonObject stale = nextOfType(dashboard, "stale");
            assertEquals("metrics", stale.getString("channel"));
            assertEquals("timeout", stale.getJsonObject("data").getString("reason"), stale.toString());
            assertTrue(Http.eventually(PATIENCE, () -> Http.json(http.get("/api/metrics")).getBoolean("stale")),
                    "stale while Prometheus is stopped");
            assertEquals(200, http.get("/health/ready").statusCode(), "Prometheus, shared by every replica, never fails readiness");
            assertEquals("degraded", Http.json(http.get("/health")).getString("status"));
            assertEquals(200, http.get("/health/live").statusCode());
            assertEquals(200, http.get("/metrics").statusCode(), "the last snapshot is still served");
        } finally {
            signal("CONT");
        }
        assertTrue(Http.eventually(PATIENCE, () -> !Http.json(http.get("/api/metrics")).getBoolean("stale")));
        assertEquals("UP", Http.check(Http.json(http.get("/health/dependencies")), "prometheus").getString("status"));
        assertFalse(nextOfType(dashboard, "update").getJsonObject("data").getBoolean("stale"), "dashboards get fresh updates again");
        dashboard.close();
    }

    private static JsonObject nextOfType(SocketClient client, String type) throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            JsonObject message = client.nextJson(PATIENCE);
            if (message.getString("type").equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no " + type + " envelope");
    }

    /** SIGSTOP freezes Prometheus: connections are accepted by the kernel but never answered. */
    private static void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(prometheus.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + name);
    }

    private static int points(JsonObject history) {
        return history.getJsonArray("series").stream()
                .mapToInt(s -> s.asJsonObject().getJsonArray("points").size()).max().orElse(0);
    }
}
