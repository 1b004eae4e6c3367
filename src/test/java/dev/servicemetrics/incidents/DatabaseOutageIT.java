package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under the running service: the webhook answers 503 with Retry-After (a transient
 * fault, which Alertmanager retries; never a 4xx, which it drops), and once the database is back the
 * same notification, posted again as Alertmanager would, is recorded exactly once.
 */
class DatabaseOutageIT {

    static final String WEBHOOK_TOKEN = TestTokens.next("hook");
    /** The pool reconnecting after the database returns, on a loaded machine: bounds a hang, not a speed. */
    static final Duration RECOVERY = Duration.ofMinutes(3);

    static Postgres postgres;
    static ServiceProcess service;
    static Http http;

    @BeforeAll
    static void start() {
        postgres = Postgres.start();
        service = ServiceProcess.builder("database-outage-it")
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next())
                .env("DATABASE_URL", postgres.jdbcUrl())
                .env("DATABASE_USER", postgres.user())
                .env("DATABASE_PASSWORD", "not-needed-with-trust-auth")
                .env("WEBHOOK_TOKEN", WEBHOOK_TOKEN)
                .start();
        http = service.http();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        postgres.close();
    }

    @Test
    void webhookIs503WhileThePostgresqlIsStoppedAndTheRetryRecordsItOnce() {
        String before = "OutageBefore" + UUID.randomUUID().toString().replace("-", "");
        assertEquals(200, webhook(notification(before, 3)).statusCode(), "with the database up");
        String during = "OutageDuring" + UUID.randomUUID().toString().replace("-", "");
        String body = notification(during, 3);

        postgres.stop();
        List<Integer> retries = new ArrayList<>();
        try {
            HttpResponse<String> refused = webhook(body);
            assertProblem(refused, 503, "/api/alertmanager/webhook");
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After tells Alertmanager when");
            assertProblem(http.get("/api/incidents?q=" + during), 503, "/api/incidents");
        } finally {
            postgres.restart();
        }

        // as Alertmanager does: the same notification again until it is taken; every refusal meanwhile is a 503
        assertTrue(Http.eventually(RECOVERY, () -> {
            int status = webhook(body).statusCode();
            retries.add(status);
            return status == 200;
        }), "taken once PostgreSQL is back; answers meanwhile: " + retries);
        assertTrue(retries.stream().allMatch(status -> status == 200 || status == 503), "only 503 until taken: " + retries);

        assertFalse(incidentIds(before).isEmpty(), "what was taken before the outage is still there");
        assertEquals(3, alertsOf(before), "each of its alerts once");
        assertFalse(incidentIds(during).isEmpty(), "what was refused during the outage is there after the retry");
        assertEquals(3, alertsOf(during), "each of its alerts once");

        Set<Long> everything = incidentIds("Outage");
        assertEquals(200, webhook(body).statusCode(), "a third delivery");
        assertEquals(everything, incidentIds("Outage"), "the third delivery creates nothing");
        assertEquals(3, alertsOf(during));

        List<String> logged = service.log().lines().filter(line -> line.contains("503 /api/alertmanager/webhook")).toList();
        assertFalse(logged.isEmpty(), "each 503 is logged");
        assertFalse(service.log().contains("500 /api/"), "no request was answered as a bug");
    }

    private static HttpResponse<String> webhook(String body) {
        return http.post("/api/alertmanager/webhook", "application/json", body, "Authorization", "Bearer " + WEBHOOK_TOKEN);
    }

    /** Ids of the incidents whose text (title, labels, annotations) contains {@code text}. */
    private static Set<Long> incidentIds(String text) {
        HttpResponse<String> page = http.get("/api/incidents?limit=500&q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode(), page.body());
        return Http.json(page).getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .map(item -> item.getJsonNumber("id").longValue())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * How many of the notification's alerts are recorded: each instance label value, counted once
     * whether an incident holds one alert or the group's alerts.
     */
    private static int alertsOf(String alertname) {
        int found = 0;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> page = http.get("/api/incidents?limit=500&label="
                    + URLEncoder.encode("instance:" + instance(alertname, i), StandardCharsets.UTF_8));
            assertEquals(200, page.statusCode(), page.body());
            JsonObject answer = Http.json(page);
            assertTrue(answer.getJsonArray("items").size() <= 1, "at most one incident holds an alert: " + answer);
            found += answer.getJsonArray("items").size();
        }
        return found;
    }

    private static String instance(String alertname, int i) {
        return alertname.toLowerCase() + "-" + i + ":9100";
    }

    private static String notification(String alertname, int count) {
        Instant startsAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<JsonObject> alerts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            alerts.add(WebhookBodies.firing(WebhookBodies.fingerprint(),
                    Map.of("alertname", alertname, "severity", "critical", "instance", instance(alertname, i)),
                    Map.of("summary", alertname + " on instance " + i), startsAt));
        }
        return WebhookLimitsIT.notification(alertname, alerts);
    }
}
