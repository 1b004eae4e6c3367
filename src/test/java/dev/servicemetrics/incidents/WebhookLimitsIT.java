package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook's own body limit, black box on the embedded H2: one notification of a whole group of
 * 10,000 alerts (about 5 MB, five times the 1 MiB of every other endpoint) is taken with the default
 * WEBHOOK_MAX_BYTES, declared or chunked; over a configured limit it is a 413 naming that limit, declared
 * or chunked, over HTTP/2 and HTTP/1.1, while the other endpoints keep 1 MiB.
 */
class WebhookLimitsIT {

    static final String API_TOKEN = TestTokens.next("api");
    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    static final int SMALL_LIMIT = 2 * 1024 * 1024;
    /** Ingest of 10,000 alerts on a loaded 2-core machine: generous, it bounds a hang, not a speed. */
    static final Duration STORM_PATIENCE = Duration.ofMinutes(10);

    static ServiceProcess defaults;
    static ServiceProcess small;

    @BeforeAll
    static void start() {
        // launched together, each starts while the other does
        defaults = launch("webhook-limits-default", Map.of());
        small = launch("webhook-limits-small", Map.of("WEBHOOK_MAX_BYTES", String.valueOf(SMALL_LIMIT)));
        defaults.awaitLive();
        small.awaitLive();
    }

    private static ServiceProcess launch(String name, Map<String, String> env) {
        ServiceProcess.Builder builder = ServiceProcess.builder(name)
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN", API_TOKEN)
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        env.forEach(builder::env);
        return builder.launch();
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess service : new ServiceProcess[] {defaults, small}) {
            if (service != null) {
                service.close();
            }
        }
    }

    @Test
    void notificationOfTenThousandAlertsIsTakenWhetherDeclaredOrChunked() {
        assertTrue(defaults.log().contains("WEBHOOK_MAX_BYTES=auto ("), "the default is what the heap holds (-Xmx512m: ~25 MiB)");
        String alertname = "Storm" + UUID.randomUUID().toString().replace("-", "");
        byte[] body = storm(alertname, 10_000).getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 4 * 1024 * 1024, "about 5 MB: " + body.length);
        Http http = defaults.http();

        HttpResponse<String> declared = http.send(webhook(http, HttpRequest.BodyPublishers.ofByteArray(body)));
        assertEquals(200, declared.statusCode(), declared.body());
        int found = total(http, alertname);
        assertTrue(found >= 1, "the storm's incidents are listed");

        HttpResponse<String> chunked = http.send(webhook(http,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertEquals(200, chunked.statusCode(), chunked.body());
        assertEquals(found, total(http, alertname), "the same notification again adds nothing");
    }

    @Test
    void bodyOverTheConfiguredLimitIs413NamingItWhetherDeclaredOrChunked() {
        assertTrue(small.log().contains("WEBHOOK_MAX_BYTES=" + SMALL_LIMIT), "effective configuration names the limit");
        byte[] body = storm("TooBig" + UUID.randomUUID().toString().replace("-", ""), 6_000).getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > SMALL_LIMIT, "over the limit: " + body.length);
        Http http = small.http();
        String instance = "/api/alertmanager/webhook";

        JsonObject declared = assertProblem(http.send(webhook(http, HttpRequest.BodyPublishers.ofByteArray(body))), 413, instance);
        assertTrue(declared.getString("detail").contains("2 MiB (2097152 bytes)"), declared.toString());

        JsonObject chunked = assertProblem(http.send(webhook(http,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))), 413, instance);
        assertTrue(chunked.getString("detail").contains("2 MiB (2097152 bytes)"), chunked.toString());
        assertTrue(chunked.getString("detail").contains("chunked"), chunked.toString());

        // the requests above went over HTTP/2 (h2c, as Java's client upgrades); Alertmanager and curl speak HTTP/1.1
        assertProblem(http.sendOverHttp11(webhook(http, HttpRequest.BodyPublishers.ofByteArray(body))), 413, instance);
        assertProblem(http.sendOverHttp11(webhook(http,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))), 413, instance);
    }

    /**
     * A notification takes ~5 times its size in heap while it is recorded: by default the limit is what the heap
     * holds, so a body that would fill a small JVM (here 25 MB in 256 MiB, which the former fixed 64 MiB let in;
     * the limit is ~4.6 MiB) is a 413 and the service stays up. Alertmanager does not retry a 4xx; reconciliation brings the group in.
     */
    @Test
    void byDefaultABodyLargerThanTheHeapHoldsIs413AndTheServiceStaysUp() {
        byte[] body = storm("Huge" + UUID.randomUUID().toString().replace("-", ""), 48_000).getBytes(StandardCharsets.UTF_8);
        assertTrue(body.length > 24 * 1024 * 1024, "about 25 MB: " + body.length);
        ServiceProcess.Builder builder = ServiceProcess.builder("webhook-limits-heap").maxHeap("256m")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("API_TOKEN", API_TOKEN)
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN);
        try (ServiceProcess tight = builder.start()) {
            assertTrue(tight.log().contains("WEBHOOK_MAX_BYTES=auto ("), "the default follows the heap");
            Http http = tight.http();
            JsonObject refused = assertProblem(http.sendOverHttp11(webhook(http, HttpRequest.BodyPublishers.ofByteArray(body))),
                    413, "/api/alertmanager/webhook");
            assertTrue(refused.getString("detail").contains(body.length + " bytes"), refused.toString());
            assertEquals(200, http.get("/health/live").statusCode(), "and the service is up");
        }
    }

    @Test
    void underTheConfiguredLimitTheWebhookTakesWhatOtherEndpointsRefuse() {
        String alertname = "Group" + UUID.randomUUID().toString().replace("-", "");
        String body = storm(alertname, 3_000);
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size > 1024 * 1024 && size < SMALL_LIMIT, "between 1 MiB and the webhook's limit: " + size);
        Http http = small.http();

        HttpResponse<String> taken = http.send(webhook(http, HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, taken.statusCode(), taken.body());

        String incident = "{\"title\":\"" + "x".repeat(size) + "\",\"severity\":\"info\"}";
        HttpResponse<String> refused = http.post("/api/incidents", "application/json", incident,
                "Authorization", "Bearer " + API_TOKEN);
        assertTrue(assertProblem(refused, 413, "/api/incidents").getString("detail").contains("1 MiB (1048576 bytes)"));
    }

    private static HttpRequest webhook(Http http, HttpRequest.BodyPublisher body) {
        return http.request("/api/alertmanager/webhook", "Authorization", "Bearer " + WEBHOOK_TOKEN)
                .timeout(STORM_PATIENCE)
                .header("Content-Type", "application/json")
                .POST(body)
                .build();
    }

    private static int total(Http http, String text) {
        HttpResponse<String> page = http.get("/api/incidents?limit=1&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode(), page.body());
        return Http.json(page).getInt("total");
    }

    /**
     * One notification of Alertmanager's group {alertname=NAME} with {@code count} firing alerts on as
     * many instances, in the shape of {@link WebhookBodies} (about 520 bytes an alert).
     */
    static String storm(String alertname, int count) {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<JsonObject> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String instance = "node-" + i + ".storm.example.com:9100";
            alerts.add(WebhookBodies.firing(WebhookBodies.fingerprint(),
                    Map.of("alertname", alertname, "severity", "warning", "instance", instance, "job", "node"),
                    Map.of("summary", alertname + " on " + instance,
                            "description", "Filesystem /var/lib on " + instance + " has less than 5% space left and fills up within 4 hours."),
                    startsAt));
        }
        return notification(alertname, alerts);
    }

    /** As Alertmanager sends it for {@code group_by: [alertname]}. */
    static String notification(String alertname, List<JsonObject> alerts) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        alerts.forEach(array::add);
        return Json.createObjectBuilder()
                .add("version", "4")
                .add("groupKey", "{}:{alertname=\"" + alertname + "\"}")
                .add("truncatedAlerts", 0)
                .add("status", "firing")
                .add("receiver", "service-metrics")
                .add("groupLabels", Json.createObjectBuilder().add("alertname", alertname))
                .add("commonLabels", Json.createObjectBuilder().add("alertname", alertname).add("severity", "warning").add("job", "node"))
                .add("commonAnnotations", Json.createObjectBuilder())
                .add("externalURL", "http://alertmanager:9093")
                .add("alerts", array)
                .build()
                .toString();
    }
}
