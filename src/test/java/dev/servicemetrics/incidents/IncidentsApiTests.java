package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.TestTokens;
import static dev.servicemetrics.testsupport.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FaultyHttpServer;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.OwnMetrics;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The incidents API as its clients see it, black box against the built service: every endpoint and
 * error path, the webhook's idempotency under concurrency, filters and keyset pagination over
 * thousands of incidents, statistics with known timings, and survival of a restart. Run once per
 * server and database by the subclasses (Payara on H2 and on PostgreSQL, WildFly on PostgreSQL), so
 * that the servers cannot drift. Alertmanager answers every request with a 500 here (fault injection),
 * so reconciliation runs and fails, and must leave every incident as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class IncidentsApiTests {

    static final String API_TOKEN = TestTokens.next("api");
    static final String WEBHOOK_TOKEN = TestTokens.next("hook");

    FaultyHttpServer alertmanager;
    RunningService service;
    Http http;

    /** The server under test. */
    abstract Server server();

    /** The database under test: DATABASE_* of the service's environment, or none for the server's default. */
    abstract Map<String, String> database();

    abstract String name();

    /**
     * The service's time zone: never UTC, so that a time converted through the JVM's zone anywhere
     * between the API and the database shows up as a wrong instant.
     */
    abstract String timeZone();

    @BeforeAll
    void start() {
        alertmanager = FaultyHttpServer.answering(500);
        service = launch(null);
        http = service.http();
    }

    RunningService launch(Path workDir) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next(),
                "ALERTMANAGER_URL", alertmanager.url().toString(),
                "SCRAPE_INTERVAL", "1",
                "RECONCILE_INTERVAL", "2s",
                "TZ", timeZone(),
                "API_TOKEN", API_TOKEN,
                "WEBHOOK_TOKEN", WEBHOOK_TOKEN));
        environment.putAll(database());
        return server().start(name(), environment, workDir);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    // ---- the manual life cycle ------------------------------------------------------------------

    @Test
    @Order(1)
    void manualIncidentIsCreatedAcknowledgedNotedAndResolvedRecordingWhoAndWhen() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        HttpResponse<String> created = mutate("/api/incidents", """
                {"title":"Checkout latency above SLO","severity":"warning",
                 "labels":{"service":"checkout","env":"prod"},"annotations":{"runbook":"https://runbooks/checkout"}}""",
                "X-Actor", "carol");
        assertEquals(201, created.statusCode(), created.body());
        JsonObject incident = Http.json(created);
        long id = incident.getJsonNumber("id").longValue();
        assertEquals(http.uri("/api/incidents/" + id).toString(), created.headers().firstValue("Location").orElse(null));
        assertEquals("open", incident.getString("status"));
        assertEquals("manual", incident.getString("source"));
        assertEquals("warning", incident.getString("severity"));
        assertEquals("checkout", incident.getJsonObject("labels").getString("service"));
        assertEquals(Json.createObjectBuilder().add("firing", 0).add("total", 0).add("silenced", 0).add("inhibited", 0).build(), incident.getJsonObject("alertCount"),
                "a person's incident has no alerts");
        assertFalse(Instant.parse(incident.getString("startedAt")).isBefore(before));

        JsonObject acknowledged = Http.json(mutate("/api/incidents/" + id + "/acknowledge", "{\"by\":\"alice\",\"note\":\"looking\"}",
                "X-Actor", "ignored-because-by-wins"));
        assertEquals("acknowledged", acknowledged.getString("status"));
        assertEquals("alice", acknowledged.getString("acknowledgedBy"));
        assertTrue(acknowledged.getString("acknowledgedAt").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        HttpResponse<String> note = mutate("/api/incidents/" + id + "/notes", "{\"text\":\"rolled back release 42\"}", "X-Actor", "bob");
        assertEquals(201, note.statusCode(), note.body());
        assertEquals("note", Http.json(note).getString("type"));
        assertEquals("bob", Http.json(note).getString("by"));

        // no body at all: the actor is anonymous
        HttpResponse<String> resolved = http.send(http.request("/api/incidents/" + id + "/resolve", bearer(API_TOKEN))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, resolved.statusCode(), resolved.body());
        assertEquals("resolved", Http.json(resolved).getString("status"));
        assertEquals("anonymous", Http.json(resolved).getString("resolvedBy"));

        JsonObject fetched = Http.json(http.get("/api/incidents/" + id));
        assertEquals("resolved", fetched.getString("status"));
        assertEquals(Http.json(resolved).getJsonNumber("version"), fetched.getJsonNumber("version"));

        JsonArray events = timeline(id);
        assertEquals(List.of("opened", "acknowledged", "note", "resolved"), types(events));
        assertEquals(List.of("carol", "alice", "bob", "anonymous"), events.stream().map(e -> e.asJsonObject().getString("by")).toList());
        assertEquals("looking", events.getJsonObject(1).getString("message"));
        assertEquals("rolled back release 42", events.getJsonObject(2).getString("message"));
    }

    @Test
    @Order(2)
    void statusRulesAnswer409WithTheReason() {
        long id = createManual("Queue backlog", "info");
        assertEquals(200, mutate("/api/incidents/" + id + "/acknowledge", "{}").statusCode());
        assertTrue(assertProblem(mutate("/api/incidents/" + id + "/acknowledge", "{}"), 409, "/api/incidents/" + id + "/acknowledge")
                .getString("detail").contains("already acknowledged"));
        assertEquals(200, mutate("/api/incidents/" + id + "/resolve", "{}").statusCode());
        assertTrue(assertProblem(mutate("/api/incidents/" + id + "/acknowledge", "{}"), 409, "/api/incidents/" + id + "/acknowledge")
                .getString("detail").contains("resolved"));
        assertTrue(assertProblem(mutate("/api/incidents/" + id + "/resolve", "{}"), 409, "/api/incidents/" + id + "/resolve")
                .getString("detail").contains("already resolved"));
        assertEquals(201, mutate("/api/incidents/" + id + "/notes", "{\"text\":\"post-mortem scheduled\"}").statusCode(),
                "a resolved incident still takes notes");
    }

    @Test
    @Order(3)
    void twoRacingAcknowledgementsGiveOne200AndOne409() throws Exception {
        for (int round = 0; round < 5; round++) {
            long id = createManual("Race " + round, "critical");
            List<Integer> statuses = concurrently(2, () -> http.sendOverHttp11(http.request("/api/incidents/" + id + "/acknowledge",
                    bearer(API_TOKEN)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build())
                    .statusCode());
            assertEquals(Set.of(200, 409), Set.copyOf(statuses), "round " + round + ": " + statuses);
            assertEquals(1, types(timeline(id)).stream().filter("acknowledged"::equals).count());
        }
    }

    // ---- the webhook ----------------------------------------------------------------------------

    @Test
    @Order(10)
    void firingAlertOpensAnIncidentWithTitleSeverityLabelsAndAnnotations() {
        String fingerprint = WebhookBodies.fingerprint();
        Instant startsAt = Instant.parse("2022-04-01T10:00:00.123456789Z");
        HttpResponse<String> response = webhook(WebhookBodies.payload(WebhookBodies.firing(fingerprint,
                Map.of("alertname", "HighCpu", "severity", "critical", "instance", "node-1:9100", "fp", fingerprint),
                Map.of("summary", "CPU above 90% on node-1", "description", "for 5 minutes"), startsAt)));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, Http.json(response).getInt("opened"));

        JsonObject incident = onlyIncidentWith("fp", fingerprint);
        assertEquals("CPU above 90% on node-1", incident.getString("title"), "the group's common summary");
        assertEquals("critical", incident.getString("severity"));
        assertEquals("open", incident.getString("status"));
        assertEquals("alertmanager", incident.getString("source"));
        assertEquals("service-metrics", incident.getString("receiver"));
        assertEquals(Json.createObjectBuilder().add("firing", 1).add("total", 1).add("silenced", 0).add("inhibited", 0).build(), incident.getJsonObject("alertCount"));
        assertEquals("2022-04-01T10:00:00.123Z", incident.getString("startedAt"));
        assertEquals("node-1:9100", incident.getJsonObject("labels").getString("instance"));
        assertEquals("node-1:9100", incident.getJsonObject("groupLabels").getString("instance"));
        assertEquals("for 5 minutes", incident.getJsonObject("annotations").getString("description"));
        assertFalse(incident.containsKey("timeline"), "lists stay light");
        assertFalse(incident.containsKey("alerts"), "lists stay light");

        JsonObject alerts = Http.json(http.get("/api/incidents/" + incident.getJsonNumber("id") + "/alerts"));
        assertEquals(1, alerts.getJsonArray("items").size());
        JsonObject alert = alerts.getJsonArray("items").getJsonObject(0);
        assertEquals(fingerprint, alert.getString("fingerprint"));
        assertEquals("firing", alert.getString("status"));
        assertEquals("2022-04-01T10:00:00.123Z", alert.getString("startsAt"));
        assertEquals(JsonValue.NULL, alert.get("endsAt"));
        assertEquals("http://prometheus:9090/graph?g0.expr=up", alert.getString("generatorUrl"));
        assertEquals("CPU above 90% on node-1", alert.getJsonObject("annotations").getString("summary"));
        assertEquals(JsonValue.NULL, alerts.get("nextCursor"));
    }

    @Test
    @Order(11)
    void sameWebhookPostedTwentyTimesConcurrentlyIsOneIncidentWithOneOpenedEvent() throws Exception {
        String fingerprint = WebhookBodies.fingerprint();
        String body = WebhookBodies.payload(WebhookBodies.firing(fingerprint,
                Map.of("alertname", "DiskFull", "severity", "warning", "fp", fingerprint), Map.of(),
                Instant.parse("2022-05-01T00:00:00Z")));
        double duplicatesBefore = metric("incidents_webhook_duplicates_ignored_total", "");
        double createdBefore = metric("incidents_changes_published_total", "type=\"created\"");

        List<Integer> statuses = concurrently(20, () -> http.sendOverHttp11(http.request("/api/alertmanager/webhook",
                bearer(WEBHOOK_TOKEN)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build())
                .statusCode());

        assertEquals(List.of(200), statuses.stream().distinct().toList(), "every delivery is acknowledged to Alertmanager");
        long id = onlyIncidentWith("fp", fingerprint).getJsonNumber("id").longValue();
        assertEquals(List.of("opened"), types(timeline(id)));
        assertEquals(19, metric("incidents_webhook_duplicates_ignored_total", "") - duplicatesBefore);
        assertEquals(1, metric("incidents_changes_published_total", "type=\"created\"") - createdBefore,
                "one 'created' change for the live channel; the duplicates' rolled-back inserts publish nothing");
    }

    @Test
    @Order(12)
    void resolvedAlertResolvesItsIncidentAndAFiringAfterwardsIsANewLinkedIncident() {
        String fingerprint = WebhookBodies.fingerprint();
        Map<String, String> labels = Map.of("alertname", "InstanceDown", "severity", "page", "fp", fingerprint);
        Instant firstStart = Instant.parse("2022-06-01T08:00:00Z");
        webhook(WebhookBodies.payload(WebhookBodies.firing(fingerprint, labels, Map.of(), firstStart)));
        HttpResponse<String> resolved = webhook(WebhookBodies.payload(
                WebhookBodies.resolved(fingerprint, labels, firstStart, firstStart.plusSeconds(420))));
        assertEquals(1, Http.json(resolved).getInt("resolved"), resolved.body());

        JsonObject first = onlyIncidentWith("fp", fingerprint);
        assertEquals("resolved", first.getString("status"));
        assertEquals("critical", first.getString("severity"), "severity=page counts as critical");
        assertEquals("2022-06-01T08:07:00.000Z", first.getString("resolvedAt"), "resolved when the alert ended");
        assertEquals("alertmanager", first.getString("resolvedBy"));

        Instant secondStart = firstStart.plus(Duration.ofHours(1));
        webhook(WebhookBodies.payload(WebhookBodies.firing(fingerprint, labels, Map.of(), secondStart)));
        JsonObject page = list("label=fp:" + fingerprint + "&sort=startedAt");
        assertEquals(2, page.getInt("total"));
        JsonObject second = page.getJsonArray("items").getJsonObject(1);
        assertEquals("open", second.getString("status"));
        assertEquals(first.getJsonNumber("id"), second.getJsonNumber("previousIncidentId"));
        JsonArray events = timeline(second.getJsonNumber("id").longValue());
        assertEquals(List.of("opened", "re-fired"), types(events));
        assertTrue(events.getJsonObject(1).getString("message").contains("incident " + first.getJsonNumber("id")));
    }

    @Test
    @Order(13)
    void resolvedAlertNeverSeenFiringIsKeptAsAResolvedIncident() {
        String fingerprint = WebhookBodies.fingerprint();
        Instant start = Instant.parse("2022-07-01T00:00:00Z");
        webhook(WebhookBodies.payload(WebhookBodies.resolved(fingerprint,
                Map.of("alertname", "Flapping", "fp", fingerprint), start, start.plusSeconds(30))));
        JsonObject incident = onlyIncidentWith("fp", fingerprint);
        assertEquals("resolved", incident.getString("status"));
        assertEquals("warning", incident.getString("severity"), "no severity label: warning");
        assertEquals(List.of("opened", "resolved"), types(timeline(incident.getJsonNumber("id").longValue())));
    }

    @Test
    @Order(14)
    void webhookWithAMissingFieldIs400NamingItAndWritesNothing() {
        String fingerprint = WebhookBodies.fingerprint();
        JsonObject good = WebhookBodies.firing(fingerprint, Map.of("alertname", "Good", "fp", fingerprint), Map.of(), Instant.now());
        JsonObject noStart = Json.createObjectBuilder(WebhookBodies.firing(WebhookBodies.fingerprint(), Map.of("alertname", "Bad"),
                Map.of(), Instant.now())).remove("startsAt").build();
        JsonObject problem = assertProblem(webhook(WebhookBodies.payload(good, noStart)), 400, "/api/alertmanager/webhook");
        assertEquals("alerts[1].startsAt is missing", problem.getString("detail"));
        assertEquals(0, list("label=fp:" + fingerprint).getInt("total"), "the valid alert before it was not stored either");

        assertEquals("alerts is missing", assertProblem(webhook("{\"version\":\"4\"}"), 400, "/api/alertmanager/webhook").getString("detail"));
        assertProblem(webhook("{\"version\":\"3\",\"alerts\":[]}"), 400, "/api/alertmanager/webhook");
        assertProblem(webhook("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\"}]}"), 400, "/api/alertmanager/webhook");
        assertTrue(assertProblem(webhook("{\"version\":\"4\",\"alerts\":["), 400, "/api/alertmanager/webhook")
                .getString("detail").startsWith("The request body is not valid JSON"));
    }

    @Test
    @Order(15)
    void webhookTakesOnlyTheWebhookToken() {
        String body = WebhookBodies.payload(List.of());
        assertEquals(200, webhook(body).statusCode());
        HttpResponse<String> withApiToken = http.post("/api/alertmanager/webhook", "application/json", body, bearer(API_TOKEN));
        assertProblem(withApiToken, 401, "/api/alertmanager/webhook");
        assertChallenge(withApiToken, true);
        HttpResponse<String> without = http.post("/api/alertmanager/webhook", "application/json", body);
        assertTrue(assertProblem(without, 401, "/api/alertmanager/webhook").getString("detail").contains("WEBHOOK_TOKEN"));
        assertChallenge(without, false);
    }

    // ---- authentication and the other error paths ------------------------------------------------

    // ---- grouping ---------------------------------------------------------------------------------

    static JsonObject groupAlert(String status, String fingerprint, String group, String instance, String severity, Instant start) {
        Map<String, String> labels = Map.of("alertname", group, "instance", instance, "severity", severity, "job", "node");
        return "firing".equals(status) ? WebhookBodies.firing(fingerprint, labels, Map.of("summary", "node down"), start)
                : WebhookBodies.resolved(fingerprint, labels, start, start.plusSeconds(600));
    }

    @Test
    @Order(16)
    void alertsOfOneGroupAreOneIncidentThatTheyJoinAndThatResolvesWhenAllHaveResolved() {
        String group = "Group" + WebhookBodies.fingerprint();
        Map<String, String> groupLabels = Map.of("alertname", group);
        Instant start = Instant.parse("2023-01-01T00:00:00Z");
        String[] fp = {WebhookBodies.fingerprint(), WebhookBodies.fingerprint(), WebhookBodies.fingerprint(), WebhookBodies.fingerprint()};
        HttpResponse<String> first = webhook(WebhookBodies.payload(groupLabels, List.of(
                groupAlert("firing", fp[0], group, "a", "warning", start),
                groupAlert("firing", fp[1], group, "b", "critical", start),
                groupAlert("firing", fp[2], group, "c", "warning", start)), 0));
        assertEquals(3, Http.json(first).getInt("opened"), first.body());
        JsonObject incident = onlyIncidentWith("alertname", group);
        long id = incident.getJsonNumber("id").longValue();
        assertEquals(List.of(id), Http.json(first).getJsonArray("incidents").getValuesAs(JsonNumber.class).stream()
                .map(JsonNumber::longValue).toList());
        assertEquals("node down — 3 alerts", incident.getString("title"));
        assertEquals("critical", incident.getString("severity"), "the most severe firing alert");
        assertEquals(Map.of("alertname", group), strings(incident.getJsonObject("groupLabels")));
        assertEquals(Map.of("alertname", group, "job", "node"), strings(incident.getJsonObject("labels")), "the group's common labels");
        assertEquals(3, incident.getJsonObject("alertCount").getInt("firing"));

        assertEquals(200, mutate("/api/incidents/" + id + "/acknowledge", "{\"by\":\"alice\"}").statusCode());
        HttpResponse<String> joined = webhook(WebhookBodies.payload(groupLabels, List.of(
                groupAlert("firing", fp[0], group, "a", "warning", start),
                groupAlert("firing", fp[1], group, "b", "critical", start),
                groupAlert("firing", fp[2], group, "c", "warning", start),
                groupAlert("firing", fp[3], group, "d", "warning", start.plusSeconds(60))), 0));
        assertEquals(1, Http.json(joined).getInt("opened"), joined.body());
        assertEquals(3, Http.json(joined).getInt("duplicate"), joined.body());
        incident = Http.json(http.get("/api/incidents/" + id));
        assertEquals("acknowledged", incident.getString("status"), "a newcomer leaves the acknowledgement as it was");
        assertEquals(Json.createObjectBuilder().add("firing", 4).add("total", 4).add("silenced", 0).add("inhibited", 0).build(), incident.getJsonObject("alertCount"));
        assertEquals(List.of("opened", "acknowledged", "alert joined"), types(timeline(id)));
        assertTrue(timeline(id).getJsonObject(2).getString("message").contains("instance=d"), timeline(id).toString());
        assertEquals(1, list("label=instance:d&label=alertname:" + group).getInt("total"), "label= matches the alerts' labels");

        webhook(WebhookBodies.payload(groupLabels, List.of(
                groupAlert("resolved", fp[0], group, "a", "warning", start),
                groupAlert("resolved", fp[1], group, "b", "critical", start),
                groupAlert("firing", fp[2], group, "c", "warning", start),
                groupAlert("firing", fp[3], group, "d", "warning", start.plusSeconds(60))), 0));
        incident = Http.json(http.get("/api/incidents/" + id));
        assertEquals("acknowledged", incident.getString("status"));
        assertEquals(2, incident.getJsonObject("alertCount").getInt("firing"));
        assertEquals("warning", incident.getString("severity"), "the critical alert resolved");
        assertEquals(2, Http.json(http.get("/api/incidents/" + id + "/alerts?status=resolved")).getJsonArray("items").size());

        webhook(WebhookBodies.payload(groupLabels, List.of(
                groupAlert("resolved", fp[2], group, "c", "warning", start),
                groupAlert("resolved", fp[3], group, "d", "warning", start.plusSeconds(60))), 0));
        incident = Http.json(http.get("/api/incidents/" + id));
        assertEquals("resolved", incident.getString("status"));
        assertEquals("alertmanager", incident.getString("resolvedBy"));
        assertEquals("2023-01-01T00:11:00.000Z", incident.getString("resolvedAt"), "when the last alert ended");
        JsonArray events = timeline(id);
        assertEquals(List.of("All 4 alerts resolved (alertmanager)"), events.stream().map(JsonValue::asJsonObject)
                .filter(event -> "resolved".equals(event.getString("type"))).map(event -> event.getString("message")).toList(),
                "the timeline says the alerts resolved it, and who reported it");

        HttpResponse<String> again = webhook(WebhookBodies.payload(groupLabels, List.of(
                groupAlert("firing", WebhookBodies.fingerprint(), group, "e", "info", start.plusSeconds(3600))), 0));
        JsonObject page = list("label=alertname:" + group + "&sort=startedAt");
        assertEquals(2, page.getInt("total"), again.body());
        JsonObject second = page.getJsonArray("items").getJsonObject(1);
        assertEquals(id, second.getJsonNumber("previousIncidentId").longValue(), "the group firing again is a new, linked incident");
        assertEquals(List.of("opened", "re-fired"), types(timeline(second.getJsonNumber("id").longValue())));

        JsonObject alerts = Http.json(http.get("/api/incidents/" + id + "/alerts?limit=3"));
        assertEquals(3, alerts.getJsonArray("items").size());
        JsonObject rest = Http.json(http.get("/api/incidents/" + id + "/alerts?limit=3&cursor=" + alerts.getString("nextCursor")));
        assertEquals(List.of(fp[3]), rest.getJsonArray("items").stream().map(a -> a.asJsonObject().getString("fingerprint")).toList());
        assertEquals(JsonValue.NULL, rest.get("nextCursor"));
        assertProblem(http.get("/api/incidents/" + id + "/alerts?status=pending"), 400, "/api/incidents/" + id + "/alerts");
        assertProblem(http.get("/api/incidents/" + id + "/alerts?cursor=nonsense"), 400, "/api/incidents/" + id + "/alerts");
        assertProblem(http.get("/api/incidents/999999999/alerts"), 404, "/api/incidents/999999999/alerts");
    }

    @Test
    @Order(16)
    void aNewGroupsFirstNotificationCountsItsAlertsAsTheyAreRecorded() {
        String group = "Mixed" + WebhookBodies.fingerprint();
        Instant start = Instant.parse("2023-02-01T00:00:00Z");
        webhook(WebhookBodies.payload(Map.of("alertname", group), List.of(
                groupAlert("resolved", WebhookBodies.fingerprint(), group, "a", "critical", start),
                groupAlert("firing", WebhookBodies.fingerprint(), group, "b", "info", start.plusSeconds(5)),
                groupAlert("firing", WebhookBodies.fingerprint(), group, "c", "warning", start.plusSeconds(10))), 0));
        JsonObject incident = onlyIncidentWith("alertname", group);
        assertEquals("open", incident.getString("status"), "two of its alerts fire");
        assertEquals("warning", incident.getString("severity"), "the most severe firing alert, not the resolved critical one");
        assertEquals(Json.createObjectBuilder().add("firing", 2).add("total", 3).add("silenced", 0).add("inhibited", 0).build(),
                incident.getJsonObject("alertCount"));
        assertEquals(start, Instant.parse(incident.getString("startedAt")), "the earliest alert's start");
        assertEquals(List.of("opened"), types(timeline(incident.getJsonNumber("id").longValue())));
        JsonObject detail = Http.json(http.get("/api/incidents/" + incident.getJsonNumber("id").longValue()));
        assertEquals(incident.getJsonObject("alertCount"), detail.getJsonObject("alertCount"), "the detail counts them alike");
    }

    @Test
    @Order(16)
    void labelAndAnnotationValuesComeBackExactlyAsSent() {
        String group = "Awkward" + WebhookBodies.fingerprint();
        Instant start = Instant.parse("2023-03-01T00:00:00.001Z");
        Map<String, String> labels = Map.of("alertname", group, "empty", "", "null", "NULL", "braces", "{a,b}", "quote", "say \"hi\"",
                "slash", "back\\slash", "unicode", "ünïcödé ✓ 🔥", "spaces", "  padded  ");
        Map<String, String> annotations = Map.of("summary", "NULL", "description", "{\"json\": [1, 2]}, 'single' and \\N");
        String fingerprint = WebhookBodies.fingerprint();
        webhook(WebhookBodies.payload(Map.of("alertname", group), List.of(
                WebhookBodies.alert("resolved", fingerprint, labels, annotations, start.toString(), start.plusSeconds(1).toString())), 0));
        JsonObject incident = onlyIncidentWith("alertname", group);
        assertEquals(1, list("label=null:NULL&label=alertname:" + group).getInt("total"), "the label index holds the text NULL");
        JsonObject alert = Http.json(http.get("/api/incidents/" + incident.getJsonNumber("id") + "/alerts")).getJsonArray("items").getJsonObject(0);
        assertEquals(labels, strings(alert.getJsonObject("labels")));
        assertEquals(annotations, strings(alert.getJsonObject("annotations")));
        assertEquals(start, Instant.parse(alert.getString("startsAt")));
        assertEquals(start.plusSeconds(1), Instant.parse(alert.getString("endsAt")));
        assertEquals("http://prometheus:9090/graph?g0.expr=up", alert.getString("generatorUrl"));
    }

    @Test
    @Order(17)
    void aPersonsResolutionWinsOverAlertsThatKeepFiringAndANewAlertOpensANewEpisode() {
        String group = "Person" + WebhookBodies.fingerprint();
        Map<String, String> groupLabels = Map.of("alertname", group);
        Instant start = Instant.parse("2023-02-01T00:00:00Z");
        String fp = WebhookBodies.fingerprint();
        String body = WebhookBodies.payload(groupLabels, List.of(groupAlert("firing", fp, group, "a", "warning", start)), 0);
        webhook(body);
        long id = onlyIncidentWith("alertname", group).getJsonNumber("id").longValue();
        assertEquals(200, mutate("/api/incidents/" + id + "/resolve", "{\"by\":\"bob\",\"note\":\"known, fixing tomorrow\"}").statusCode());
        assertEquals(0, Http.json(webhook(body)).getInt("opened"), "the same alert still firing");
        JsonObject incident = onlyIncidentWith("alertname", group);
        assertEquals("resolved", incident.getString("status"));
        assertEquals("bob", incident.getString("resolvedBy"));

        webhook(WebhookBodies.payload(groupLabels, List.of(groupAlert("firing", fp, group, "a", "warning", start),
                groupAlert("firing", WebhookBodies.fingerprint(), group, "b", "warning", start.plusSeconds(60))), 0));
        JsonObject page = list("label=alertname:" + group + "&sort=startedAt");
        assertEquals(2, page.getInt("total"));
        assertEquals("open", page.getJsonArray("items").getJsonObject(1).getString("status"));
        assertEquals("bob", Http.json(http.get("/api/incidents/" + id)).getString("resolvedBy"), "still the person's resolution");
    }

    @Test
    @Order(18)
    void twentyConcurrentFirstDeliveriesOfOneGroupMakeOneIncident() throws Exception {
        String group = "Race" + WebhookBodies.fingerprint();
        Map<String, String> groupLabels = Map.of("alertname", group);
        Instant start = Instant.parse("2023-03-01T00:00:00Z");
        JsonObject shared = groupAlert("firing", WebhookBodies.fingerprint(), group, "shared", "warning", start);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(WebhookBodies.payload(groupLabels, List.of(shared,
                    groupAlert("firing", WebhookBodies.fingerprint(), group, "n" + i, "warning", start)), 0));
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> statuses = concurrently(20, () -> http.sendOverHttp11(http.request("/api/alertmanager/webhook",
                bearer(WEBHOOK_TOKEN)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(bodies.get(next.getAndIncrement()))).build()).statusCode());
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        JsonObject incident = onlyIncidentWith("alertname", group);
        assertEquals(Json.createObjectBuilder().add("firing", 21).add("total", 21).add("silenced", 0).add("inhibited", 0).build(), incident.getJsonObject("alertCount"));
        List<String> types = types(timeline(incident.getJsonNumber("id").longValue()));
        assertEquals(1, types.stream().filter("opened"::equals).count(), types.toString());
    }

    @Test
    @Order(19)
    void aNotificationOfTenThousandAlertsIsOneIncident() {
        String group = "Storm" + WebhookBodies.fingerprint();
        Instant start = Instant.parse("2023-04-01T00:00:00Z");
        List<JsonObject> alerts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            alerts.add(groupAlert("firing", WebhookBodies.fingerprint() + i, group, "node-" + i + ":9100", "warning", start));
        }
        String body = WebhookBodies.payload(Map.of("alertname", group), alerts, 0);
        HttpResponse<String> response = webhook(body);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(10_000, Http.json(response).getInt("opened"));
        JsonObject incident = onlyIncidentWith("alertname", group);
        assertEquals(10_000, incident.getJsonObject("alertCount").getInt("firing"));
        assertEquals(1, list("q=node-9999:9100").getInt("total"), "q= matches the alerts' label values");

        HttpResponse<String> again = webhook(body);
        assertEquals(10_000, Http.json(again).getInt("duplicate"), "a re-delivery changes nothing");
        assertEquals(10_000, onlyIncidentWith("alertname", group).getJsonObject("alertCount").getInt("total"));
    }

    static Map<String, String> strings(JsonObject object) {
        Map<String, String> values = new java.util.TreeMap<>();
        object.forEach((name, value) -> values.put(name, ((jakarta.json.JsonString) value).getString()));
        return values;
    }

    @Test
    @Order(20)
    void everyMutationWithoutTheRightTokenIs401WithAChallengeAndTheTokenIsNeverLogged() {
        long id = createManual("Auth target", "info");
        for (String path : List.of("/api/incidents", "/api/incidents/" + id + "/acknowledge",
                "/api/incidents/" + id + "/resolve", "/api/incidents/" + id + "/notes")) {
            String body = "{\"title\":\"x\",\"severity\":\"info\",\"text\":\"x\"}";
            HttpResponse<String> missing = http.post(path, "application/json", body);
            assertTrue(assertProblem(missing, 401, path).getString("detail").contains("Authorization: Bearer"));
            assertChallenge(missing, false);
            HttpResponse<String> wrong = http.post(path, "application/json", body, bearer(API_TOKEN + "x"));
            assertEquals("The bearer token is wrong", assertProblem(wrong, 401, path).getString("detail"));
            assertChallenge(wrong, true);
            HttpResponse<String> webhookToken = http.post(path, "application/json", body, bearer(WEBHOOK_TOKEN));
            assertProblem(webhookToken, 401, path);
        }
        assertEquals("open", Http.json(http.get("/api/incidents/" + id)).getString("status"), "nothing changed");
        String log = service.log();
        assertFalse(log.contains(API_TOKEN) || log.contains(WEBHOOK_TOKEN), "tokens never reach the log");
    }

    @Test
    @Order(21)
    void unknownIncidentIs404OnEveryEndpoint() {
        for (String path : List.of("/api/incidents/987654321", "/api/incidents/987654321/timeline")) {
            assertEquals("No incident with id 987654321", assertProblem(http.get(path), 404, path).getString("detail"));
        }
        for (String path : List.of("/api/incidents/987654321/acknowledge", "/api/incidents/987654321/resolve")) {
            assertProblem(mutate(path, "{}"), 404, path);
        }
        assertProblem(mutate("/api/incidents/987654321/notes", "{\"text\":\"x\"}"), 404, "/api/incidents/987654321/notes");
        assertProblem(http.get("/api/incidents/not-a-number"), 404, "/api/incidents/not-a-number");
    }

    @Test
    @Order(22)
    void malformedJsonAndMissingFieldsAre400() {
        assertTrue(assertProblem(mutate("/api/incidents", "{\"title\":"), 400, "/api/incidents")
                .getString("detail").startsWith("The request body is not valid JSON"));
        assertEquals("title is missing", assertProblem(mutate("/api/incidents", "{\"severity\":\"info\"}"), 400, "/api/incidents")
                .getString("detail"));
        assertEquals("severity is missing", assertProblem(mutate("/api/incidents", "{\"title\":\"t\"}"), 400, "/api/incidents")
                .getString("detail"));
        assertTrue(assertProblem(mutate("/api/incidents", "{\"title\":\"t\",\"severity\":\"fatal\"}"), 400, "/api/incidents")
                .getString("detail").contains("critical, warning, info"));
        assertEquals("labels.env must be a string", assertProblem(mutate("/api/incidents",
                "{\"title\":\"t\",\"severity\":\"info\",\"labels\":{\"env\":1}}"), 400, "/api/incidents").getString("detail"));
        assertProblem(mutate("/api/incidents", "{\"title\":\"t\",\"severity\":\"info\",\"startedAt\":\"yesterday\"}"), 400, "/api/incidents");
        long id = createManual("Note target", "info");
        assertEquals("text is missing", assertProblem(mutate("/api/incidents/" + id + "/notes", "{}"), 400,
                "/api/incidents/" + id + "/notes").getString("detail"));
        assertEquals(List.of("opened"), types(timeline(id)), "nothing written");
    }

    @Test
    @Order(23)
    void bodiesOverOneMebibyteAre413WhetherDeclaredOrChunked() {
        String big = "{\"title\":\"" + "x".repeat(1024 * 1024) + "\",\"severity\":\"info\"}";
        HttpResponse<String> declared = mutate("/api/incidents", big);
        assertTrue(assertProblem(declared, 413, "/api/incidents").getString("detail").contains("1 MiB"));

        HttpResponse<String> chunked = http.send(http.request("/api/incidents", bearer(API_TOKEN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        assertTrue(assertProblem(chunked, 413, "/api/incidents").getString("detail").contains("chunked"));

        // the requests above went over HTTP/2 (h2c, as Java's client upgrades); curl speaks HTTP/1.1
        HttpResponse<String> http11 = http.sendOverHttp11(
                http.request("/api/incidents", bearer(API_TOKEN)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(big.repeat(3))).build());
        assertProblem(http11, 413, "/api/incidents");
        // the webhook has a limit of its own, WEBHOOK_MAX_BYTES: see WebhookLimitsIT

        String justUnder = "{\"title\":\"" + "y".repeat(400) + "\",\"severity\":\"info\",\"note\":\""
                + "z".repeat(1024 * 1024 - 600) + "\"}";
        assertEquals(201, mutate("/api/incidents", justUnder).statusCode(), "a body just under the limit is taken");
    }

    @Test
    @Order(24)
    void nonJsonBodyIs415() {
        HttpResponse<String> response = http.post("/api/incidents", "text/plain", "title=x", bearer(API_TOKEN));
        assertProblem(response, 415, "/api/incidents");
        assertProblem(http.post("/api/alertmanager/webhook", "application/x-www-form-urlencoded", "a=b", bearer(WEBHOOK_TOKEN)),
                415, "/api/alertmanager/webhook");
    }

    @Test
    @Order(25)
    void badFilterValuesAre400SayingWhatIsAccepted() {
        Map<String, String> expectations = Map.of(
                "status=bogus", "status must be one of open, acknowledged, resolved",
                "severity=fatal", "severity must be one of critical, warning, info",
                "source=prometheus", "source must be one of alertmanager, manual",
                "sort=title", "sort must be one of -startedAt, startedAt, -updatedAt, updatedAt, -severity, severity",
                "limit=501", "limit must be a whole number from 1 to 500",
                "limit=0", "limit must be a whole number from 1 to 500",
                "limit=ten", "limit must be a whole number from 1 to 500",
                "label=novalue", "label must be key:value",
                "from=yesterday", "from must be an ISO-8601 time",
                "from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z", "from must be before to");
        expectations.forEach((query, detail) -> assertTrue(
                assertProblem(http.get("/api/incidents?" + query), 400, "/api/incidents").getString("detail").startsWith(detail), query));
        assertTrue(assertProblem(http.get("/api/incidents?cursor=garbage"), 400, "/api/incidents").getString("detail").contains("cursor"));
        assertProblem(http.get("/api/incidents/stats?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z"), 400, "/api/incidents/stats");
        assertProblem(http.get("/api/incidents/stats?to=soon"), 400, "/api/incidents/stats");
    }

    // ---- lists over thousands of incidents --------------------------------------------------------

    /**
     * Lists keep each incident's JSON by version (RenderedIncidents): every change (labels, counts, status) must
     * show in the next list, as the incident itself shows it.
     */
    @Test
    @Order(26)
    void theListShowsEachIncidentAsItIsNowAfterEveryKindOfChange() {
        String group = "Listed" + WebhookBodies.fingerprint();
        Map<String, String> groupLabels = Map.of("alertname", group);
        Instant start = Instant.parse("2023-02-01T00:00:00Z");
        String fp = WebhookBodies.fingerprint();
        JsonObject alert = groupAlert("firing", fp, group, "a", "warning", start);
        webhook(WebhookBodies.payload(groupLabels, List.of(alert), 0));
        JsonObject listed = onlyIncidentWith("alertname", group);
        long id = listed.getJsonNumber("id").longValue();
        assertEquals(Map.of("alertname", group, "instance", "a", "severity", "warning", "job", "node"),
                strings(listed.getJsonObject("labels")));

        JsonObject other = groupAlert("firing", WebhookBodies.fingerprint(), group, "b", "warning", start.plusSeconds(60));
        assertEquals(200, webhook(WebhookBodies.payload(groupLabels, List.of(alert, other), 0)).statusCode());
        JsonObject relabelled = onlyIncidentWith("alertname", group);
        assertEquals(Map.of("alertname", group, "severity", "warning", "job", "node"), strings(relabelled.getJsonObject("labels")),
                "the label its alerts no longer share is gone from the list too");
        assertEquals(2, relabelled.getJsonObject("alertCount").getInt("total"));
        assertTrue(relabelled.getJsonNumber("version").longValue() > listed.getJsonNumber("version").longValue());
        assertEquals(relabelled, Http.json(http.get("/api/incidents/" + id)), "the list shows what the incident shows");

        assertEquals(200, mutate("/api/incidents/" + id + "/acknowledge", "{\"by\":\"alice\"}").statusCode());
        JsonObject acknowledged = onlyIncidentWith("alertname", group);
        assertEquals("acknowledged", acknowledged.getString("status"));
        assertEquals("alice", acknowledged.getString("acknowledgedBy"));

        webhook(WebhookBodies.payload(groupLabels, List.of(groupAlert("resolved", fp, group, "a", "warning", start),
                groupAlert("resolved", other.getString("fingerprint"), group, "b", "warning", start.plusSeconds(60))), 0));
        JsonObject resolved = list("label=alertname:" + group + "&status=resolved").getJsonArray("items").getJsonObject(0);
        assertEquals(id, resolved.getJsonNumber("id").longValue());
        assertEquals(0, resolved.getJsonObject("alertCount").getInt("firing"));
        assertEquals(resolved, Http.json(http.get("/api/incidents/" + id)));
        assertEquals(0, list("label=alertname:" + group + "&status=open,acknowledged").getInt("total"));
    }

    @Test
    @Order(30)
    void filtersAndKeysetPaginationOverThousandsOfIncidents() {
        String suite = UUID.randomUUID().toString();
        Instant base = Instant.parse("2021-03-01T00:00:00Z");
        int count = 2000;
        String[] severities = {"critical", "warning", "info"};
        long loading = System.nanoTime();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> labels = Map.of("alertname", "Load" + (i % 4), "severity", severities[i % 3],
                    "instance", "node-" + (i % 10), "suite", suite, "n", String.valueOf(i));
            Instant start = base.plus(Duration.ofMinutes(i));
            // one group per alert (group_by: ['...']): one incident each
            bodies.add(WebhookBodies.payload(List.of(i % 5 == 0
                    ? WebhookBodies.resolved(WebhookBodies.fingerprint(), labels, start, start.plus(Duration.ofMinutes(10)))
                    : WebhookBodies.firing(WebhookBodies.fingerprint(), labels, Map.of(), start))));
        }
        postAll(bodies);
        System.out.printf("%s: %d incidents through the webhook in %d ms%n", name(), count, (System.nanoTime() - loading) / 1_000_000);

        String in = "label=suite:" + suite;
        assertEquals(count, list(in).getInt("total"));
        assertEquals(667, list(in + "&severity=critical").getInt("total"));
        assertEquals(400, list(in + "&status=resolved").getInt("total"));
        assertEquals(1600, list(in + "&status=open,acknowledged").getInt("total"));
        assertEquals(1600, list(in + "&status=open&status=acknowledged").getInt("total"));
        assertEquals(134, list(in + "&status=resolved&severity=critical").getInt("total"));
        assertEquals(200, list(in + "&label=instance:node-3").getInt("total"));
        assertEquals(0, list(in + "&source=manual").getInt("total"));
        assertEquals(500, list(in + "&q=LOAD2").getInt("total"), "q is case-insensitive over title and labels");
        assertEquals(100, list(in + "&from=" + encode(base.plus(Duration.ofMinutes(100))) + "&to="
                + encode(base.plus(Duration.ofMinutes(200)))).getInt("total"));

        long listing = System.nanoTime();
        List<JsonObject> latestFirst = allPages(in + "&limit=500", 4);
        System.out.printf("%s: 4 pages of 500 in %d ms%n", name(), (System.nanoTime() - listing) / 1_000_000);
        assertEquals(count, latestFirst.size());
        assertEquals(count, latestFirst.stream().map(item -> item.getJsonNumber("id").longValue()).distinct().count());
        for (int i = 1; i < latestFirst.size(); i++) {
            assertTrue(started(latestFirst.get(i - 1)).isAfter(started(latestFirst.get(i))), "newest first at " + i);
        }

        List<JsonObject> severeFirst = allPages(in + "&status=open&sort=-severity&limit=137", 12);
        assertEquals(1600, severeFirst.size());
        assertEquals(1600, severeFirst.stream().map(item -> item.getJsonNumber("id").longValue()).distinct().count());
        for (int i = 1; i < severeFirst.size(); i++) {
            int previous = rank(severeFirst.get(i - 1));
            int current = rank(severeFirst.get(i));
            assertTrue(previous > current || previous == current
                    && !started(severeFirst.get(i - 1)).isBefore(started(severeFirst.get(i))), "most severe first at " + i);
        }

        List<JsonObject> window = allPages(in + "&sort=startedAt&limit=30&from=" + encode(base.plus(Duration.ofMinutes(100)))
                + "&to=" + encode(base.plus(Duration.ofMinutes(200))), 4);
        assertEquals(100, window.size());
        assertEquals(base.plus(Duration.ofMinutes(100)), started(window.get(0)));
        assertEquals(base.plus(Duration.ofMinutes(199)), started(window.get(99)));

        // keyset: an incident arriving between two pages shifts nothing
        JsonObject first = list(in + "&limit=10");
        webhook(WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(),
                Map.of("alertname", "Newest", "suite", suite), Map.of(), base.plus(Duration.ofDays(30)))));
        JsonObject second = list(in + "&limit=10&cursor=" + first.getString("nextCursor"));
        assertEquals(count + 1, second.getInt("total"));
        assertEquals(started(first.getJsonArray("items").getJsonObject(9)).minus(Duration.ofMinutes(1)),
                started(second.getJsonArray("items").getJsonObject(0)), "the second page continues right after the first");

        assertTrue(assertProblem(http.get("/api/incidents?" + in + "&sort=severity&cursor=" + first.getString("nextCursor")), 400,
                "/api/incidents").getString("detail").contains("same sort"));
    }

    // ---- statistics -----------------------------------------------------------------------------

    @Test
    @Order(40)
    void statsCountByStatusAndSeverityAndMeasureMeanTimesOverTheWindow() {
        Instant windowStart = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.SECONDS);
        Instant windowEnd = windowStart.plus(Duration.ofMinutes(10));
        Instant manualStart = windowStart.plusSeconds(60);
        long manual = Http.json(mutate("/api/incidents", "{\"title\":\"Timed\",\"severity\":\"critical\",\"startedAt\":\""
                + manualStart + "\"}")).getJsonNumber("id").longValue();
        Instant beforeAck = Instant.now();
        assertEquals(200, mutate("/api/incidents/" + manual + "/acknowledge", "{}").statusCode());
        Instant afterAck = Instant.now();
        Instant beforeResolve = Instant.now();
        assertEquals(200, mutate("/api/incidents/" + manual + "/resolve", "{}").statusCode());
        Instant afterResolve = Instant.now();

        Instant w1 = windowStart.plusSeconds(120);
        Instant w2 = windowStart.plusSeconds(180);
        Instant w3 = windowStart.plusSeconds(240);
        String run = UUID.randomUUID().toString();
        postAll(List.of(
                WebhookBodies.payload(WebhookBodies.resolved(WebhookBodies.fingerprint(),
                        Map.of("alertname", "T1", "severity", "critical", "run", run), w1, w1.plusSeconds(300))),
                WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(),
                        Map.of("alertname", "T2", "severity", "warning", "run", run), Map.of(), w2)),
                WebhookBodies.payload(WebhookBodies.resolved(WebhookBodies.fingerprint(),
                        Map.of("alertname", "T3", "severity", "info", "run", run), w3, w3.plusSeconds(900))),
                // starts exactly at the end of the window: not counted
                WebhookBodies.payload(WebhookBodies.firing(WebhookBodies.fingerprint(), Map.of("alertname", "T4", "run", run),
                        Map.of(), windowEnd))));

        JsonObject stats = Http.json(http.get("/api/incidents/stats?from=" + encode(windowStart) + "&to=" + encode(windowEnd)));
        assertEquals(windowStart.toString().replace("Z", ".000Z"), stats.getString("from"));
        assertEquals(4, stats.getInt("total"));
        assertEquals(Json.createObjectBuilder().add("open", 1).add("acknowledged", 0).add("resolved", 3).build(), stats.getJsonObject("byStatus"));
        assertEquals(Json.createObjectBuilder().add("critical", 2).add("warning", 1).add("info", 1).build(), stats.getJsonObject("bySeverity"));
        assertEquals(1, stats.getInt("acknowledged"));
        assertEquals(3, stats.getInt("resolved"));
        double mtta = stats.getJsonNumber("meanTimeToAcknowledgeSeconds").doubleValue();
        assertBetween(seconds(manualStart, beforeAck), mtta, seconds(manualStart, afterAck));
        double mttr = stats.getJsonNumber("meanTimeToResolveSeconds").doubleValue();
        assertBetween((seconds(manualStart, beforeResolve) + 300 + 900) / 3, mttr, (seconds(manualStart, afterResolve) + 300 + 900) / 3);

        JsonObject empty = Http.json(http.get("/api/incidents/stats?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z"));
        assertEquals(0, empty.getInt("total"));
        assertEquals(JsonValue.NULL, empty.get("meanTimeToAcknowledgeSeconds"));
        assertEquals(0, empty.getJsonObject("byStatus").getInt("open"), "every status is present, zero included");
        JsonObject lastWeek = Http.json(http.get("/api/incidents/stats"));
        assertEquals(Duration.ofDays(7), Duration.between(Instant.parse(lastWeek.getString("from")), Instant.parse(lastWeek.getString("to"))));
    }

    // ---- Alertmanager failing, own metrics ----------------------------------------------------------

    @Test
    @Order(50)
    void alertmanagerAnswering500LeavesIncidentsUntouchedAndHealthSaysSo() {
        String fingerprint = WebhookBodies.fingerprint();
        webhook(WebhookBodies.payload(WebhookBodies.firing(fingerprint, Map.of("alertname", "StillFiring", "fp", fingerprint),
                Map.of(), Instant.now().minusSeconds(60))));
        int asked = alertmanager.requests("/api/v2/alerts/groups");
        double failures = metric("incidents_reconcile_runs_total", "outcome=\"failure\"");
        assertTrue(Http.eventually(Duration.ofSeconds(40), () -> alertmanager.requests("/api/v2/alerts/groups") > asked
                && metric("incidents_reconcile_runs_total", "outcome=\"failure\"") > failures), "a reconciliation ran and failed");
        JsonObject incident = onlyIncidentWith("fp", fingerprint);
        assertEquals("open", incident.getString("status"), "nothing is resolved unless Alertmanager answered");
        assertEquals(List.of("opened"), types(timeline(incident.getJsonNumber("id").longValue())));

        JsonObject dependencies = Http.json(http.get("/health/dependencies"));
        JsonObject check = Http.check(dependencies, "alertmanager");
        assertEquals("DOWN", check.getString("status"));
        assertTrue(check.getJsonObject("data").getString("lastReconciliationError").contains("did not answer"), check.toString());
        HttpResponse<String> health = http.get("/health");
        assertEquals(503, health.statusCode());
        assertEquals("DOWN", Http.check(Http.json(health), "alertmanager").getString("status"));
        assertEquals(0, metric("incidents_reconcile_runs_total", "outcome=\"success\""));
    }

    @Test
    @Order(51)
    void ownMetricsAreScrapeableAtMpmetrics() {
        String metrics = http.get("/mpmetrics").body();
        for (String name : List.of("incidents_webhook_alerts_received_total", "incidents_webhook_duplicates_ignored_total",
                "incidents_reconcile_runs_total", "incidents_reconcile_opened_total", "incidents_reconcile_resolved_total",
                "incidents_changes_published_total", "incidents_current")) {
            assertTrue(metrics.contains("# TYPE " + name), name + " in\n" + metrics);
        }
        long open = list("status=open&limit=1").getInt("total");
        assertTrue(Http.eventually(Duration.ofSeconds(10), () -> metric("incidents_current", "status=\"open\"") == open),
                "incidents_current{status=open} counts what the list counts");
        assertTrue(metric("incidents_webhook_alerts_received_total", "") >= 2000);
    }

    // ---- restart ------------------------------------------------------------------------------------

    @Test
    @Order(100)
    void incidentsAndTimelinesSurviveARestart() {
        long id = createManual("Survives restarts", "critical");
        mutate("/api/incidents/" + id + "/acknowledge", "{\"by\":\"dave\"}");
        mutate("/api/incidents/" + id + "/notes", "{\"text\":\"before the restart\"}");
        JsonObject before = Http.json(http.get("/api/incidents/" + id));
        JsonArray timelineBefore = timeline(id);
        long totalBefore = list("").getInt("total");

        Path workDir = service.workDir();
        service.close();
        service = launch(workDir);
        http = service.http();

        assertEquals(before, Http.json(http.get("/api/incidents/" + id)));
        assertEquals(timelineBefore, timeline(id));
        assertEquals(totalBefore, list("").getInt("total"));
        assertEquals(200, mutate("/api/incidents/" + id + "/resolve", "{\"by\":\"erin\"}").statusCode(), "and it can still change");
        long next = createManual("After the restart", "info");
        assertTrue(next > id, "ids keep increasing after a restart");
    }

    // ---- helpers ------------------------------------------------------------------------------------

    HttpResponse<String> mutate(String path, String json, String... headers) {
        List<String> all = new ArrayList<>(List.of(bearer(API_TOKEN)));
        all.addAll(List.of(headers));
        return http.post(path, "application/json", json, all.toArray(String[]::new));
    }

    HttpResponse<String> webhook(String json) {
        return http.post("/api/alertmanager/webhook", "application/json", json, bearer(WEBHOOK_TOKEN));
    }

    /** Posts webhook bodies eight at a time; every one must be accepted. */
    void postAll(List<String> bodies) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> posted = new ArrayList<>();
            for (String body : bodies) {
                posted.add(pool.submit(() -> webhook(body)));
            }
            for (Future<HttpResponse<String>> response : posted) {
                assertEquals(200, response.get().statusCode(), response.get().body());
            }
        } catch (Exception failed) {
            throw new AssertionError("posting webhooks failed", failed);
        } finally {
            pool.shutdownNow();
        }
    }

    long createManual(String title, String severity) {
        HttpResponse<String> created = mutate("/api/incidents", "{\"title\":\"" + title + "\",\"severity\":\"" + severity + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created).getJsonNumber("id").longValue();
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    JsonObject list(String query) {
        HttpResponse<String> response = http.get("/api/incidents?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response);
    }

    JsonObject onlyIncidentWith(String label, String value) {
        JsonObject page = list("label=" + label + ":" + value);
        assertEquals(1, page.getInt("total"), page.toString());
        return page.getJsonArray("items").getJsonObject(0);
    }

    JsonArray timeline(long id) {
        HttpResponse<String> response = http.get("/api/incidents/" + id + "/timeline");
        assertEquals(200, response.statusCode(), response.body());
        return Http.json(response).getJsonArray("events");
    }

    static List<String> types(JsonArray events) {
        return events.stream().map(event -> event.asJsonObject().getString("type")).toList();
    }

    /** Follows nextCursor to the end; the number of pages is part of the expectation. */
    List<JsonObject> allPages(String query, int expectedPages) {
        List<JsonObject> items = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        JsonObject page = list(query);
        int pages = 1;
        page.getJsonArray("items").forEach(item -> items.add(item.asJsonObject()));
        while (page.get("nextCursor") != JsonValue.NULL) {
            String cursor = page.getString("nextCursor");
            assertTrue(cursors.add(cursor), "a cursor never repeats");
            page = list(query + "&cursor=" + cursor);
            pages++;
            page.getJsonArray("items").forEach(item -> items.add(item.asJsonObject()));
        }
        assertEquals(expectedPages, pages);
        return items;
    }

    static Instant started(JsonObject incident) {
        return Instant.parse(incident.getString("startedAt"));
    }

    static int rank(JsonObject incident) {
        return switch (incident.getString("severity")) {
            case "critical" -> 3;
            case "warning" -> 2;
            default -> 1;
        };
    }

    static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    static void assertBetween(double low, double actual, double high) {
        assertTrue(actual >= low - 0.002 && actual <= high + 0.002, low + " <= " + actual + " <= " + high);
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The value of one series at /mpmetrics; {@code labels} is a substring of its label set ("" for any). */
    double metric(String name, String labels) {
        return metric(http, name, labels);
    }

    static double metric(Http http, String name, String labels) {
        return OwnMetrics.value(http.get("/mpmetrics").body(), name, labels);
    }

    static void assertChallenge(HttpResponse<String> response, boolean invalidToken) {
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer realm=\"service-metrics\""), challenge);
        assertEquals(invalidToken, challenge.contains("error=\"invalid_token\""), challenge);
    }
}
