package dev.servicemetrics.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FaultyProxy;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.ServiceProcess;
import dev.servicemetrics.testsupport.TestTokens;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real Prometheus behind a proxy that first adds 10 s to every query, then answers them with garbage: each
 * cycle times out (or fails to parse), the snapshot turns stale and /health/dependencies says why, and all the
 * while the incidents API, the webhook and readiness answer as usual — each answer arrives while the proxy is
 * still holding scrape queries, so the scrape cycle being stuck holds up no request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowPrometheusIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /** SCRAPE_INTERVAL 2: a query times out after 1 s; staleness follows within an interval or two. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    static final Duration PROXY_DELAY = Duration.ofSeconds(10);

    static PrometheusProcess prometheus;
    static FaultyProxy proxy;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        int port = FreePort.next();
        prometheus = PrometheusProcess.start("""
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(port), port);
        proxy = FaultyProxy.to(prometheus.uri(), "/api/v1/");
        service = ServiceProcess.builder("slow-prometheus-it")
                .env("PROMETHEUS_URL", proxy.url().toString())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("SCRAPE_INTERVAL", "2")
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN)
                .start();
        http = service.http();
        assertTrue(Http.eventually(PATIENCE, () -> !stale()), "fresh through the proxy first: " + service.log());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Order(1)
    void tenSecondsSlowerPrometheusMakesTheSnapshotStaleWithoutSlowingTheApi() throws Exception {
        proxy.delay(PROXY_DELAY);
        assertTrue(Http.eventually(PATIENCE, SlowPrometheusIT::stale), "the cycle timed out and the snapshot is stale");
        // the snapshot can turn stale by age before the cycle that ran out of time reports it (a loaded machine)
        Http.eventually(PATIENCE, () -> prometheusCheck().getJsonObject("data").getString("error", "").startsWith("timeout"));
        JsonObject check = prometheusCheck();
        assertEquals("DOWN", check.getString("status"), check.toString());
        assertTrue(check.getJsonObject("data").getString("error").startsWith("timeout"), check.toString());
        assertEquals(200, http.get("/health/ready").statusCode(), "a slow Prometheus never takes a replica out of the load balancer");

        assertTrue(Http.eventually(PATIENCE, () -> proxy.held() > 0), "the proxy is holding a scrape query");
        List<String> late = answeredWhileHeld();
        assertEquals(List.of(), late, "every request was answered while the proxy still held scrape queries");
        assertTrue(Http.json(http.get("/api/metrics")).getBoolean("stale"), "still stale: the proxy still adds 10 s");

        proxy.pass();
        assertTrue(Http.eventually(PATIENCE, () -> !stale()), "fresh again once Prometheus answers in time");
        assertEquals("UP", prometheusCheck().getString("status"));
    }

    @Test
    @Order(2)
    void garbageFromPrometheusMakesTheSnapshotStaleWithoutStoppingTheApi() {
        proxy.garbage();
        assertTrue(Http.eventually(PATIENCE, SlowPrometheusIT::stale), "answers that are no JSON fail the cycle");
        JsonObject check = prometheusCheck();
        assertEquals("DOWN", check.getString("status"), check.toString());
        assertTrue(check.getJsonObject("data").getString("error").startsWith("malformed"), check.toString());
        assertEquals(200, http.get("/api/incidents").statusCode());
        assertEquals(200, webhook("Garbage").statusCode());
        assertEquals(200, http.get("/metrics").statusCode(), "the last good snapshot is still served");
        assertEquals(200, http.get("/health/live").statusCode());
        assertTrue(service.log().lines().filter(line -> line.contains("Scrape cycle failed")).allMatch(line -> line.chars()
                .noneMatch(c -> c == 0)), "the garbage is logged without its control characters");

        proxy.pass();
        assertTrue(Http.eventually(PATIENCE, () -> !stale()), "fresh again");
    }

    /**
     * Forty reads, ten webhooks and ten readiness probes, five at a time; returns those that came back when the
     * proxy held no scrape query any more (or answered other than 200).
     */
    private static List<String> answeredWhileHeld() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                answers.add(clients.submit(() -> {
                    HttpResponse<String> answer = n % 6 == 0 ? webhook("Slow" + n)
                            : n % 6 == 1 ? http.get("/health/ready")
                            : http.get("/api/incidents?limit=10&q=Slow");
                    boolean held = proxy.held() > 0;
                    return answer.statusCode() == 200 && held ? null
                            : answer.request().method() + " " + answer.uri().getPath() + " " + answer.statusCode()
                                    + (held ? "" : " after the proxy let go");
                }));
            }
            List<String> late = new ArrayList<>();
            for (Future<String> answer : answers) {
                String failure = answer.get();
                if (failure != null) {
                    late.add(failure);
                }
            }
            return late;
        } finally {
            clients.shutdownNow();
        }
    }

    private static HttpResponse<String> webhook(String name) {
        String alertname = name + UUID.randomUUID().toString().substring(0, 8);
        String body = dev.servicemetrics.incidents.WebhookBodies.singleAlert(alertname,
                Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.SECONDS));
        return http.post("/api/alertmanager/webhook", "application/json", body, "Authorization", "Bearer " + WEBHOOK_TOKEN);
    }

    private static boolean stale() {
        return Http.json(http.get("/api/metrics")).getBoolean("stale");
    }

    private static JsonObject prometheusCheck() {
        return Http.check(Http.json(http.get("/health/dependencies")), "prometheus");
    }
}
