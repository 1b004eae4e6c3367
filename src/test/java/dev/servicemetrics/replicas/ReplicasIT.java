package dev.servicemetrics.replicas;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.live.SocketClient;
import dev.servicemetrics.replicas.IncidentMessages.Change;
import dev.servicemetrics.testsupport.FaultyHttpServer;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of the built service on one real PostgreSQL, as server-config/k8s runs them: a dashboard on one
 * sees what is changed through the other, once each and in order, across a PostgreSQL restart; only one
 * replica reconciles with Alertmanager, and the other takes over when it dies; shared dependencies being
 * down never make a replica unready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    static final String API_TOKEN = TestTokens.next("replicas");
    static final Pattern RUNS = Pattern.compile("(?m)^incidents_reconcile_runs_total\\{[^}]*} (\\S+)$");

    static Postgres postgres;
    static FaultyHttpServer alertmanager;
    static ServiceProcess a;
    static ServiceProcess b;

    @BeforeAll
    static void start() {
        postgres = Postgres.start();
        alertmanager = FaultyHttpServer.answering(503);
        a = replica("replicas-it-a").launch();
        b = replica("replicas-it-b").launch();
        a.awaitLive();
        b.awaitLive();
        assertTrue(Http.eventually(PATIENCE, () -> a.http().get("/health/ready").statusCode() == 200
                && b.http().get("/health/ready").statusCode() == 200), "both replicas ready");
    }

    static ServiceProcess.Builder replica(String name) {
        return ServiceProcess.builder(name)
                .env("PROMETHEUS_URL", "http://127.0.0.1:" + FreePort.next())
                .env("ALERTMANAGER_URL", alertmanager.url().toString())
                .env("SCRAPE_INTERVAL", "1")
                .env("API_TOKEN", API_TOKEN)
                .env("DATABASE_URL", postgres.jdbcUrl())
                .env("DATABASE_USER", postgres.user());
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess replica : new ServiceProcess[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void sharedDependenciesDownLeaveEveryReplicaReadyAndHealthDegraded() {
        for (ServiceProcess replica : List.of(a, b)) {
            HttpResponse<String> ready = replica.http().get("/health/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> health = replica.http().get("/health");
            assertEquals(503, health.statusCode());
            JsonObject body = Http.json(health);
            assertEquals("degraded", body.getString("status"));
            assertEquals("DOWN", Http.check(body, "prometheus").getString("status"));
            assertEquals("DOWN", Http.check(body, "alertmanager").getString("status"));
            assertTrue(Http.json(replica.http().get("/api/metrics")).getBoolean("stale", true), "the dashboard shows stale");
        }
    }

    @Test
    @Order(2)
    void incidentCreatedAndAcknowledgedThroughOneReplicaReachesTheDashboardsOfBothOnceEachInOrder() throws Exception {
        try (SocketClient onA = subscribed(a); SocketClient onB = subscribed(b)) {
            IncidentMessages seenOnA = new IncidentMessages(onA);
            IncidentMessages seenOnB = new IncidentMessages(onB);

            long id = create(b, "Replicated incident");
            // both dashboards hear of it before it changes again, as a person acknowledging it would have
            seenOnA.await(change -> change.id() == id && change.status().equals("open"), PATIENCE);
            seenOnB.await(change -> change.id() == id && change.status().equals("open"), PATIENCE);
            HttpResponse<String> acknowledged = b.http().post("/api/incidents/" + id + "/acknowledge", "application/json",
                    "{\"by\":\"replica-b\"}", "Authorization", "Bearer " + API_TOKEN);
            assertEquals(200, acknowledged.statusCode(), acknowledged.body());
            seenOnA.await(change -> change.id() == id && change.status().equals("acknowledged"), PATIENCE);
            seenOnB.await(change -> change.id() == id && change.status().equals("acknowledged"), PATIENCE);

            // a note through the other replica: it changes the timeline only, and still reaches every dashboard
            HttpResponse<String> noted = a.http().post("/api/incidents/" + id + "/notes", "application/json",
                    "{\"text\":\"noted on A\"}", "Authorization", "Bearer " + API_TOKEN);
            assertEquals(201, noted.statusCode(), noted.body());
            for (IncidentMessages seen : List.of(seenOnA, seenOnB)) {
                seen.await(change -> change.id() == id && seen.of(id).size() >= 3, PATIENCE);
            }

            // a later change through the other replica marks the end: whatever was still coming for id came before it
            long marker = create(a, "Marker");
            for (IncidentMessages seen : List.of(seenOnA, seenOnB)) {
                seen.await(change -> change.id() == marker, PATIENCE);
                List<Change> changes = seen.of(id);
                assertEquals(List.of("open", "acknowledged", "acknowledged"), changes.stream().map(Change::status).toList(),
                        "each change once, in order (created, acknowledged, noted): " + changes);
                assertEquals("created", changes.get(0).type());
                assertTrue(changes.get(0).version() < changes.get(1).version(), changes.toString());
            }
        }
    }

    @Test
    @Order(3)
    void aChangeMadeRightAfterAPostgresRestartStillReachesTheOtherReplicasDashboard() throws Exception {
        try (SocketClient onA = subscribed(a)) {
            IncidentMessages seenOnA = new IncidentMessages(onA);
            postgres.stop();
            postgres.restart();
            AtomicLong id = new AtomicLong();
            // the first requests may meet connections the pool has not yet found dead
            assertTrue(Http.eventually(PATIENCE, () -> {
                HttpResponse<String> created = b.http().post("/api/incidents", "application/json",
                        "{\"title\":\"After the restart\",\"severity\":\"warning\"}", "Authorization", "Bearer " + API_TOKEN);
                if (created.statusCode() != 201) {
                    return false;
                }
                id.set(Http.json(created).getJsonNumber("id").longValue());
                return true;
            }), "replica B takes incidents again after the restart");
            seenOnA.await(change -> change.id() == id.get() && change.type().equals("created"), PATIENCE);
            assertTrue(Http.eventually(PATIENCE, () -> a.log().contains("Listening to incident changes again")), "A reconnected");
        }
    }

    @Test
    @Order(4)
    void oneReplicaReconcilesAtATimeAndTheOtherTakesOverWhenItDies() {
        long startA = runs(a);
        long startB = runs(b);
        // the period is 15 s (the minimum); three runs in all, whoever runs them
        assertTrue(Http.eventually(Duration.ofSeconds(120), () -> runs(a) - startA + runs(b) - startB >= 3),
                "reconciliation runs on some replica");
        long byA = runs(a) - startA;
        long byB = runs(b) - startB;
        assertTrue(byA == 0 || byB == 0, "one replica reconciles, not both: A ran " + byA + ", B ran " + byB);
        assertTrue(alertmanager.requests("/api/v2/alerts/groups") > 0, "the reconciler asked Alertmanager");

        ServiceProcess leader = byA > 0 ? a : b;
        ServiceProcess other = leader == a ? b : a;
        long before = runs(other);
        ProcessHandle.of(leader.pid()).ifPresent(ProcessHandle::destroyForcibly);
        assertTrue(Http.eventually(Duration.ofSeconds(120), () -> runs(other) > before),
                "the other replica takes over once the leader died");
        assertTrue(other.log().contains("This replica reconciles with Alertmanager now"), "and says so");
    }

    @Test
    @Order(5)
    void aStoppingReplicaClosesItsDashboardsWithGoingAway() throws Exception {
        ServiceProcess survivor = List.of(a, b).stream().filter(replica -> replica.awaitExit(Duration.ZERO) == -1)
                .findFirst().orElseThrow();
        try (SocketClient dashboard = subscribed(survivor)) {
            survivor.close();
            assertEquals(1001, dashboard.awaitClose(PATIENCE), "1001: clients reconnect to another replica");
        }
    }

    static SocketClient subscribed(ServiceProcess replica) throws InterruptedException {
        SocketClient client = SocketClient.connect(replica.webSocketUri("/ws"), null);
        client.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
        assertEquals("subscribed", client.nextJson(Duration.ofSeconds(30)).getString("type"));
        return client;
    }

    static long create(ServiceProcess replica, String title) {
        HttpResponse<String> created = replica.http().post("/api/incidents", "application/json",
                "{\"title\":\"" + title + "\",\"severity\":\"warning\",\"by\":\"replicas-it\"}", "Authorization", "Bearer " + API_TOKEN);
        assertEquals(201, created.statusCode(), created.body());
        return Http.json(created).getJsonNumber("id").longValue();
    }

    static long runs(ServiceProcess replica) {
        Matcher line = RUNS.matcher(replica.http().get("/mpmetrics").body());
        double total = 0;
        while (line.find()) {
            total += Double.parseDouble(line.group(1));
        }
        return Math.round(total);
    }
}
