package dev.servicemetrics.metrics.boundary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * WireMock stands in for Prometheus only to inject what a real one rarely does on demand: a query slower
 * than the timeout, HTTP 500, an error body, malformed JSON, NaN and Inf values, an empty result, and then
 * no Prometheus at all. The service must keep serving and report each failure, never crash or hang.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusFaultsIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    /** The bound of every wait for a cycle; a loaded machine runs late. */
    static final Duration PATIENCE = Patience.ofIntervals(INTERVAL);
    static final String LABELS = "{\"__name__\":\"x\",\"job\":\"mock-metrics\",\"instance\":\"127.0.0.1:8081\"}";

    static int port;
    static WireMockServer prometheus;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        port = FreePort.next();
        prometheus = faultyPrometheus(port);
        service = ServiceProcess.builder("prometheus-faults-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + port)
                .env("SCRAPE_INTERVAL", String.valueOf(INTERVAL.toSeconds()))
                .start();
        http = service.http();
        assertTrue(Http.eventually(PATIENCE, () -> http.get("/api/metrics").statusCode() == 200), service.log());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (prometheus != null) {
            prometheus.stop();
        }
    }

    static WireMockServer faultyPrometheus(int port) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port));
        server.start();
        server.stubFor(get(urlPathEqualTo("/-/ready")).willReturn(aResponse().withStatus(200).withBody("Prometheus Server is Ready.")));
        server.stubFor(get(urlPathEqualTo("/api/v1/metadata")).willReturn(json(200, "{\"status\":\"success\",\"data\":{}}")));
        // whatever is not a fault below answers like a healthy Prometheus with one target
        server.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(10).willReturn(json(200, vector("1"))));
        server.stubFor(post(urlPathEqualTo("/api/v1/query_range")).atPriority(10).willReturn(json(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":" + LABELS
                        + ",\"values\":[[1770000000,\"1\"],[1770000002,\"2\"]]}]}}")));
        fault(server, "memory_usage_bytes", json(200, vector("5")).withFixedDelay(4_000));
        fault(server, "disk_usage_percent", aResponse().withStatus(500).withBody("<html>Internal Server Error</html>"));
        fault(server, "http_requests_total", json(422,
                "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing would load too many samples\"}"));
        fault(server, "cpu_usage_seconds_total", json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vec"));
        fault(server, containing("rate(cpu_usage_seconds_total"), json(200, vector("NaN")));
        fault(server, containing("histogram_quantile(0.99"), json(200, vector("+Inf")));
        fault(server, containing("histogram_quantile(0.50"), json(200,
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        server.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(1)
                .withFormParam("query", equalTo("request_duration_seconds_bucket"))
                .willReturn(json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"job\":\"mock-metrics\",\"le\":\"0.5\"},\"value\":[1770000000,\"3\"]},"
                        + "{\"metric\":{\"job\":\"mock-metrics\",\"le\":\"+Inf\"},\"value\":[1770000000,\"4\"]}]}}")));
        return server;
    }

    private static void fault(WireMockServer server, String promql, ResponseDefinitionBuilder answer) {
        fault(server, equalTo(promql), answer);
    }

    private static void fault(WireMockServer server, StringValuePattern promql, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo("/api/v1/query")).atPriority(1).withFormParam("query", promql).willReturn(answer));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String vector(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":" + LABELS
                + ",\"value\":[1770000000,\"" + value + "\"]}]}}";
    }

    /**
     * A snapshot of a cycle in which only the delayed query ran out of time: on a loaded machine WireMock itself
     * can answer a healthy query later than the timeout, and that cycle says nothing about the faults.
     */
    private static JsonObject calmSnapshot() {
        JsonObject[] calm = new JsonObject[1];
        boolean found = Http.eventually(PATIENCE, () -> {
            JsonObject snapshot = Http.json(http.get("/api/metrics"));
            boolean onlyTheDelayedTimedOut = snapshot.getJsonArray("failures").stream().map(JsonValue::asJsonObject)
                    .noneMatch(f -> f.getString("reason").equals("timeout") && !f.getString("query").equals("memory_usage_bytes"));
            calm[0] = snapshot;
            return onlyTheDelayedTimedOut;
        });
        assertTrue(found, "no cycle without a timeout of a prompt query: " + calm[0]);
        return calm[0];
    }

    @Test
    @Order(1)
    void eachFaultFailsItsOwnEntryAndIsReportedByReason() {
        JsonObject snapshot = calmSnapshot();
        Map<String, String> reasons = snapshot.getJsonArray("failures").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(f -> f.getString("query"), f -> f.getString("reason"), (a, b) -> a));
        assertEquals("timeout", reasons.get("memory_usage_bytes"), snapshot.toString());
        assertEquals("http_status", reasons.get("disk_usage_percent"), snapshot.toString());
        assertEquals("query_error", reasons.get("http_requests_total"), snapshot.toString());
        assertEquals("malformed", reasons.get("cpu_usage_seconds_total"), snapshot.toString());
        String detail = snapshot.getJsonArray("failures").stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("query").equals("http_requests_total")).findFirst().orElseThrow().getString("detail");
        assertEquals("execution: query processing would load too many samples", detail);
        assertFalse(snapshot.getBoolean("stale"), "a partial cycle is still a fresh snapshot");
    }

    @Test
    @Order(2)
    void specialValuesAndEmptyResultsAreServedNotFailed() {
        JsonObject snapshot = calmSnapshot();
        Map<String, JsonValue> values = snapshot.getJsonArray("series").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(s -> s.getString("name"), s -> s.get("value"), (a, b) -> a));
        assertEquals(JsonValue.NULL, values.get("cpu_usage_seconds:rate1m"), "NaN is null in JSON");
        assertEquals(JsonValue.NULL, values.get("request_duration_seconds:p99"), "+Inf is null in JSON");
        assertFalse(values.containsKey("request_duration_seconds:p50"), "an empty result has no series");
        assertEquals(4, ((jakarta.json.JsonNumber) values.get("request_duration_seconds")).intValue());
        String exposition = http.get("/metrics").body();
        assertTrue(exposition.contains("request_duration_seconds_bucket{job=\"mock-metrics\",le=\"+Inf\"} 4"), exposition);
        assertFalse(exposition.contains("memory_usage_bytes"), "a failed entry is left out, not invented:\n" + exposition);
    }

    @Test
    @Order(3)
    void cyclesKeepComingDespiteTheSlowQuery() {
        Instant first = Instant.parse(Http.json(http.get("/api/metrics")).getString("timestamp"));
        assertTrue(Http.eventually(PATIENCE, () ->
                Instant.parse(Http.json(http.get("/api/metrics")).getString("timestamp")).isAfter(first.plusSeconds(3))));
        String own = http.get("/mpmetrics").body();
        assertTrue(own.contains("reason=\"timeout\""), own);
        assertEquals("UP", Http.check(Http.json(http.get("/health/dependencies")), "prometheus").getString("status"),
                "partial cycles keep Prometheus up");
    }

    @Test
    @Order(10)
    void prometheusGoneMakesItStaleAndBackMakesItFresh() {
        prometheus.stop();
        assertTrue(Http.eventually(PATIENCE, () -> Http.json(http.get("/api/metrics")).getBoolean("stale")));
        JsonObject dependencies = Http.json(http.get("/health/dependencies"));
        assertEquals("DOWN", dependencies.getString("status"), dependencies.toString());
        assertTrue(dependencies.toString().contains("unreachable"), dependencies.toString());
        assertEquals(200, http.get("/health/ready").statusCode(), "Prometheus down never takes a replica out of the load balancer");
        assertEquals(200, http.get("/health/live").statusCode());
        assertEquals(200, http.get("/metrics").statusCode(), "the last snapshot is still served");

        prometheus = faultyPrometheus(port);
        assertTrue(Http.eventually(PATIENCE, () -> !Http.json(http.get("/api/metrics")).getBoolean("stale")));
    }
}
