package dev.servicemetrics.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.WebhookBodies;
import dev.servicemetrics.live.SocketClient;
import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.OwnMetrics;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import dev.servicemetrics.testsupport.TestTokens;
import dev.servicemetrics.testsupport.WildFlyProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service on Payara and on WildFly, side by side, scraped by one real Prometheus that runs the
 * shipped configuration (server-config/prometheus/prometheus-local.yml: both services as targets of
 * its one service-metrics job, the shipped rule file): every own metric has the same name, type and
 * label names on both servers, as Prometheus stores them and as each server writes them, and the text
 * of each passes {@code promtool check metrics}.
 */
class OwnMetricsOnBothServersIT {

    static final Path PROMETHEUS_CONFIG = Path.of("server-config/prometheus/prometheus-local.yml");
    static final Path RULES = Path.of("server-config/prometheus/rules/").toAbsolutePath();
    static final String API_TOKEN = TestTokens.next("metrics-api");
    static final String WEBHOOK_TOKEN = TestTokens.next("metrics-hook");

    static MockExporter exporter;
    static PrometheusProcess prometheus;
    static final Map<Server, RunningService> SERVICES = new EnumMap<>(Server.class);

    @BeforeAll
    static void start() throws IOException {
        WildFlyProcess.assumePrepared();
        exporter = MockExporter.start("127.0.0.1", 0, 11);
        int prometheusPort = FreePort.next();
        Map<String, String> environment = Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + prometheusPort,
                "ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next(),
                "SCRAPE_INTERVAL", "2",
                "API_TOKEN", API_TOKEN,
                "WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        for (Server server : Server.values()) {
            SERVICES.put(server, server.start("own-metrics-on-both-servers-it", environment));
        }
        // the shipped file, with the addresses of this test: both services are targets of one job
        String config = Files.readString(PROMETHEUS_CONFIG)
                .replace("\"127.0.0.1:8081\"", "\"127.0.0.1:" + exporter.uri().getPort() + "\"")
                .replace("\"127.0.0.1:9093\"", "\"127.0.0.1:" + FreePort.next() + "\"")
                .replace("\"127.0.0.1:8005\"", SERVICES.values().stream()
                        .map(service -> "\"127.0.0.1:" + service.port() + "\"").collect(Collectors.joining(", ")))
                .replace("rules/", RULES + "/")
                .replace("scrape_interval: 5s", "scrape_interval: 1s");
        assertTrue(config.contains("127.0.0.1:" + SERVICES.get(Server.WILDFLY).port()), config);
        prometheus = PrometheusProcess.start(config, prometheusPort);
    }

    @AfterAll
    static void stop() {
        SERVICES.values().forEach(RunningService::close);
        SERVICES.clear();
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    @Test
    void prometheusStoresTheSameOwnMetricsUnderTheSameNamesFromBothServers() throws Exception {
        for (RunningService service : SERVICES.values()) {
            doEverythingThatCounts(service);
        }
        for (RunningService service : SERVICES.values()) {
            assertTrue(Http.eventually(Duration.ofSeconds(60), () -> OwnMetrics.value(service.http().get("/mpmetrics").body(),
                    "scrape_cycles_total", "outcome=\"complete\"") > 0), "a complete cycle on " + service.baseUri());
        }
        Map<String, Set<String>> stored = new TreeMap<>();
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> {
            stored.clear();
            stored.putAll(storedFamilies());
            return stored.size() == 2 && stored.values().stream().allMatch(names -> names.contains(
                    "incidents_webhook_alerts_received_total{mp_scope}"));
        }), "Prometheus scraped both services after their webhooks: " + stored.keySet());

        Set<String> payara = stored.get("127.0.0.1:" + SERVICES.get(Server.PAYARA).port());
        Set<String> wildFly = stored.get("127.0.0.1:" + SERVICES.get(Server.WILDFLY).port());
        assertEquals(payara, wildFly, "name{label names} of each own series, Payara then WildFly");
        assertTrue(payara.containsAll(List.of(
                "scrape_cycles_total{mp_scope,outcome}", "scrape_cycle_last_duration_seconds{mp_scope}",
                "prometheus_query_last_duration_seconds{mp_scope}", "prometheus_queries_total{mp_scope}",
                "scrape_failures_total{mp_scope,reason}", "websocket_sessions{endpoint,mp_scope}",
                "websocket_messages_sent_total{mp_scope}", "incidents_webhook_alerts_received_total{mp_scope}",
                "incidents_current{mp_scope,status}")), payara.toString());

        JsonObject rules = Http.json(prometheus.get("/api/v1/rules"));
        List<String> unhealthy = rules.getJsonObject("data").getJsonArray("groups").stream()
                .flatMap(group -> group.asJsonObject().getJsonArray("rules").stream())
                .map(JsonValue::asJsonObject).filter(rule -> !rule.getString("health").equals("ok") && !rule.getString("health").equals("unknown"))
                .map(JsonObject::toString).toList();
        assertEquals(List.of(), unhealthy, "the shipped rule file evaluates");
    }

    @Test
    void eachServerWritesTheSameFamiliesAndPromtoolAcceptsThem() {
        Map<Server, Set<String>> families = new EnumMap<>(Server.class);
        for (Map.Entry<Server, RunningService> service : SERVICES.entrySet()) {
            HttpResponse<String> scraped = service.getValue().http().get("/mpmetrics?scope=application");
            assertEquals(200, scraped.statusCode(), scraped.body());
            families.put(service.getKey(), OwnMetrics.families(scraped.body()));
            InstalledTool.Result check = InstalledTool.PROMTOOL.run(scraped.body(), "check", "metrics");
            assertTrue(check.succeeded(), service.getKey() + ": promtool check metrics\n" + check.output() + "\n---\n" + scraped.body());
        }
        Set<String> payara = families.get(Server.PAYARA);
        Set<String> wildFly = families.get(Server.WILDFLY);
        // a family that only one server writes yet (registered on first use) is no difference of names
        Set<String> onlyPayara = new TreeSet<>(payara);
        onlyPayara.removeAll(wildFly);
        Set<String> onlyWildFly = new TreeSet<>(wildFly);
        onlyWildFly.removeAll(payara);
        assertEquals(Set.of(), onlyPayara, "Payara only; WildFly only: " + onlyWildFly);
        assertEquals(Set.of(), onlyWildFly, "WildFly only");
        assertTrue(payara.contains("scrape_cycle_last_duration_seconds gauge"), payara.toString());
    }

    /** A webhook, a manual incident and a WebSocket client: what the counters count. */
    static void doEverythingThatCounts(RunningService service) throws Exception {
        Http http = service.http();
        HttpResponse<String> alerted = http.post("/api/alertmanager/webhook", "application/json",
                WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(), Map.of("alertname", "SameNames"),
                        Map.of("summary", "counted on both servers"), Instant.now().minusSeconds(5))),
                "Authorization", "Bearer " + WEBHOOK_TOKEN);
        assertEquals(200, alerted.statusCode(), alerted.body());
        HttpResponse<String> created = http.post("/api/incidents", "application/json",
                "{\"title\":\"Counted\",\"severity\":\"info\"}", "Authorization", "Bearer " + API_TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            client.nextJson(Duration.ofSeconds(20));
        }
    }

    /** instance → "name{label names}" of every series of the service-metrics job in the application scope. */
    static Map<String, Set<String>> storedFamilies() {
        HttpResponse<String> answer = prometheus.get("/api/v1/series?match%5B%5D=" + URLEncoder.encode(
                "{job=\"service-metrics\",mp_scope=\"application\"}", StandardCharsets.UTF_8));
        Map<String, Set<String>> families = new TreeMap<>();
        for (JsonValue value : Http.json(answer).getJsonArray("data")) {
            JsonObject series = value.asJsonObject();
            Set<String> labels = new TreeSet<>(series.keySet());
            labels.removeAll(Set.of("__name__", "instance", "job"));
            families.computeIfAbsent(series.getString("instance"), instance -> new TreeSet<>())
                    .add(series.getString("__name__") + "{" + String.join(",", labels) + "}");
        }
        return families;
    }
}
