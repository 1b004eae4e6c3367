package dev.servicemetrics.replicas;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.WebhookBodies;
import dev.servicemetrics.live.SocketClient;
import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.replicas.IncidentMessages.Change;
import dev.servicemetrics.testsupport.FakeAlertmanager;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three replicas of the built service on one real PostgreSQL, as server-config/k8s runs them (issue 11's proof):
 * a dashboard on each sees what is changed through any of them, once each and in order, across a PostgreSQL
 * restart; one replica per period reconciles with Alertmanager (each replica has its own fake Alertmanager, so
 * the requests are counted per replica), and another takes over when the lease holder is killed with SIGKILL;
 * Prometheus, Alertmanager and PostgreSQL going down one after the other never make a replica unready.
 * <p>
 * Nothing here asserts a duration: every wait is for a condition, with a generous bound; the delays measured
 * are printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final Duration PATIENCE = Duration.ofSeconds(90);
    /** RECONCILE_INTERVAL of every replica. */
    static final Duration RECONCILE_PERIOD = Duration.ofSeconds(3);
    /** Room for many reconciliation periods on a loaded machine. */
    static final Duration PERIODS = Duration.ofSeconds(150);
    static final String API_TOKEN = TestTokens.next("replicas");
    static final String GROUPS = "/api/v2/alerts/groups";

    static Postgres postgres;
    static MockExporter exporter;
    static PrometheusProcess prometheus;
    /** Replica i (0-based: replica 1 is index 0) and its own fake Alertmanager. */
    static final List<ServiceProcess> replicas = new ArrayList<>();
    static final List<FakeAlertmanager> alertmanagers = new ArrayList<>();
    static final List<SocketClient> dashboards = new ArrayList<>();
    static final List<IncidentMessages> seen = new ArrayList<>();
    /** Index of the replica found holding the reconciler lease (test 3), killed in test 4. */
    static int leaseHolder = -1;

    @BeforeAll
    static void start() throws Exception {
        long started = System.nanoTime();
        postgres = Postgres.start();
        exporter = MockExporter.start("127.0.0.1", 0, 42);
        prometheus = PrometheusProcess.scrapingMockExporter(exporter.uri());
        // one after the other: three Payara Micro starting at once on two cores take longer than in turn
        for (int i = 1; i <= 3; i++) {
            FakeAlertmanager alertmanager = FakeAlertmanager.start();
            alertmanagers.add(alertmanager);
            ServiceProcess replica = ServiceProcess.builder("replicas-it-" + i)
                    .maxHeap("256m")
                    .env("PROMETHEUS_URL", prometheus.uri().toString())
                    .env("ALERTMANAGER_URL", alertmanager.url().toString())
                    .env("SCRAPE_INTERVAL", "1")
                    .env("RECONCILE_INTERVAL", RECONCILE_PERIOD.toSeconds() + "s")
                    .env("API_TOKEN", API_TOKEN)
                    .env("DATABASE_URL", postgres.jdbcUrl())
                    .env("DATABASE_USER", postgres.user())
                    .launch();
            replicas.add(replica);
            replica.awaitLive();
        }
        for (ServiceProcess replica : replicas) {
            assertTrue(Http.eventually(PATIENCE, () -> replica.http().get("/health/ready").statusCode() == 200),
                    "replica ready: " + replica.baseUri());
        }
        System.out.printf("ReplicasIT: PostgreSQL, Prometheus and three replicas started in %.1f s%n", seconds(started));
    }

    @AfterAll
    static void stop() {
        dashboards.forEach(dashboard -> {
            try {
                dashboard.close();
            } catch (RuntimeException alreadyGone) {
                // its replica was killed or stopped
            }
        });
        replicas.forEach(ServiceProcess::close);
        alertmanagers.forEach(FakeAlertmanager::close);
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aWebhookToReplica1AnAcknowledgeOnReplica2AndANoteOnReplica3ReachAllThreeDashboardsOnceEachInOrder() throws Exception {
        for (ServiceProcess replica : replicas) {
            SocketClient dashboard = subscribed(replica);
            dashboards.add(dashboard);
            seen.add(new IncidentMessages(dashboard));
        }

        // Alertmanager holds the alert it notifies about (else the reconciler would rightly resolve it)
        Map<String, String> labels = Map.of("alertname", "ReplicaProof", "instance", "replica-" + UUID.randomUUID(),
                "severity", "critical");
        JsonObject alert = WebhookBodies.firing(WebhookBodies.fingerprint(), labels, Map.of("summary", "Webhook to replica 1"),
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
        String groups = Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("labels", alert.getJsonObject("labels"))
                .add("receiver", Json.createObjectBuilder().add("name", "service-metrics"))
                .add("alerts", Json.createArrayBuilder().add(alert))).build().toString();
        alertmanagers.forEach(alertmanager -> alertmanager.holdGroups(groups));

        long sent = System.nanoTime();
        HttpResponse<String> delivered = replicas.get(0).http().post("/api/alertmanager/webhook", "application/json",
                WebhookBodies.payload(alert), "Authorization", "Bearer " + API_TOKEN);
        assertEquals(200, delivered.statusCode(), delivered.body());
        long id = seen.get(0).await(change -> change.type().equals("created"), PATIENCE).id();
        awaitOnEveryDashboard("webhook to replica 1", sent, (messages, change) -> change.id() == id && change.status().equals("open"));

        sent = System.nanoTime();
        HttpResponse<String> acknowledged = replicas.get(1).http().post("/api/incidents/" + id + "/acknowledge",
                "application/json", "{\"by\":\"replica-2\"}", "Authorization", "Bearer " + API_TOKEN);
        assertEquals(200, acknowledged.statusCode(), acknowledged.body());
        awaitOnEveryDashboard("acknowledge on replica 2", sent, (messages, change) -> change.id() == id && change.status().equals("acknowledged"));

        sent = System.nanoTime();
        HttpResponse<String> noted = replicas.get(2).http().post("/api/incidents/" + id + "/notes", "application/json",
                "{\"text\":\"noted on replica 3\",\"by\":\"replica-3\"}", "Authorization", "Bearer " + API_TOKEN);
        assertEquals(201, noted.statusCode(), noted.body());
        awaitOnEveryDashboard("note on replica 3", sent, (messages, change) -> change.id() == id && messages.of(id).size() >= 3);

        assertOnceEachInOrder(id, replicas.get(0), "open", "acknowledged", "acknowledged");
    }

    @Test
    @Order(2)
    void afterAPostgresRestartChangesThroughEveryReplicaReachAllThreeDashboardsAndNothingIsMissed() throws Exception {
        List<List<Change>> before = seen.stream().map(IncidentMessages::all).toList();
        long restarted = System.nanoTime();
        postgres.stop();
        postgres.restart();
        System.out.printf("ReplicasIT: PostgreSQL restarted in %.1f s%n", seconds(restarted));

        // right away, before the listeners have necessarily reconnected: each change is retried only while the
        // pools still hand out connections they have not yet found dead (503)
        AtomicLong id = new AtomicLong();
        long sent = System.nanoTime();
        assertTrue(Http.eventually(PATIENCE, () -> {
            HttpResponse<String> created = replicas.get(1).http().post("/api/incidents", "application/json",
                    "{\"title\":\"After the restart\",\"severity\":\"warning\",\"by\":\"replica-2\"}",
                    "Authorization", "Bearer " + API_TOKEN);
            if (created.statusCode() != 201) {
                return false;
            }
            id.set(Http.json(created).getJsonNumber("id").longValue());
            return true;
        }), "replica 2 takes incidents again after the restart");
        System.out.printf("ReplicasIT: replica 2 took an incident again %.1f s after PostgreSQL was back%n", seconds(sent));
        awaitOnEveryDashboard("create on replica 2 after the restart", sent, (messages, change) -> change.id() == id.get());

        sent = System.nanoTime();
        assertTrue(Http.eventually(PATIENCE, () -> replicas.get(2).http().post("/api/incidents/" + id.get() + "/acknowledge",
                "application/json", "{\"by\":\"replica-3\"}", "Authorization", "Bearer " + API_TOKEN).statusCode() == 200),
                "replica 3 acknowledges after the restart");
        awaitOnEveryDashboard("acknowledge on replica 3 after the restart", sent,
                (messages, change) -> change.id() == id.get() && change.status().equals("acknowledged"));

        sent = System.nanoTime();
        assertTrue(Http.eventually(PATIENCE, () -> replicas.get(0).http().post("/api/incidents/" + id.get() + "/notes",
                "application/json", "{\"text\":\"noted on replica 1\"}", "Authorization", "Bearer " + API_TOKEN).statusCode() == 201),
                "replica 1 takes a note after the restart");
        awaitOnEveryDashboard("note on replica 1 after the restart", sent,
                (messages, change) -> change.id() == id.get() && messages.of(id.get()).size() >= 3);

        assertOnceEachInOrder(id.get(), replicas.get(2), "open", "acknowledged", "acknowledged");
        for (int i = 0; i < 3; i++) {
            ServiceProcess replica = replicas.get(i);
            assertTrue(Http.eventually(PATIENCE, () -> replica.log().contains("Listening to incident changes again")),
                    "replica " + (i + 1) + " listens again");
            // the resynchronisation after the reconnect repeated nothing a dashboard already had
            List<Change> earlier = before.get(i);
            List<Change> now = seen.get(i).all();
            for (long earlierId : earlier.stream().map(Change::id).collect(Collectors.toSet())) {
                assertEquals(versions(earlier, earlierId), versions(now, earlierId),
                        "no change of incident " + earlierId + " came twice to replica " + (i + 1) + "'s dashboard");
            }
        }
    }

    @Test
    @Order(3)
    void oneReplicaOfThreeReconcilesEachPeriodNotThree() {
        // PostgreSQL's restart ended every lease session: wait for the holder of the new lease to run once
        long[] start = successes();
        assertTrue(Http.eventually(PERIODS, () -> total(delta(start, successes())) >= 1),
                "some replica reconciles after the restart");
        long[] runsBefore = runs();
        long[] successesBefore = successes();
        int[] groupsBefore = groupRequests();
        long watched = System.nanoTime();
        assertTrue(Http.eventually(PERIODS, () -> total(delta(successesBefore, successes())) >= 3),
                "three reconciliation runs, by whichever replica");
        long[] ran = delta(runsBefore, runs());
        long[] succeeded = delta(successesBefore, successes());
        int[] groupsAfter = groupRequests();
        int[] asked = IntStream.range(0, 3).map(i -> groupsAfter[i] - groupsBefore[i]).toArray();
        System.out.printf("ReplicasIT: over %.1f s, reconciliation runs per replica %s (successes %s), "
                + "%s requests per replica's Alertmanager %s%n", seconds(watched), List.of(ran[0], ran[1], ran[2]),
                List.of(succeeded[0], succeeded[1], succeeded[2]), GROUPS, List.of(asked[0], asked[1], asked[2]));

        List<Integer> running = IntStream.range(0, 3).filter(i -> ran[i] > 0).boxed().toList();
        assertEquals(1, running.size(), "exactly one replica reconciles: runs per replica " + List.of(ran[0], ran[1], ran[2]));
        leaseHolder = running.get(0);
        for (int i = 0; i < 3; i++) {
            if (i != leaseHolder) {
                assertEquals(0, asked[i], "replica " + (i + 1) + " holds no lease and asks its Alertmanager nothing");
            }
        }
        // a run under way when the window opened may have asked just before it: give or take that one
        assertTrue(asked[leaseHolder] >= succeeded[leaseHolder] - 1,
                "the lease holder's runs asked its Alertmanager: " + asked[leaseHolder] + " for " + succeeded[leaseHolder] + " runs");
        // about one run per period, not three: the runs one replica made in this window, and nobody else's
        long periods = RECONCILE_PERIOD.toSeconds();
        assertTrue(succeeded[leaseHolder] <= Math.max(3, Math.round(seconds(watched) / periods) + 2),
                "about one run per " + periods + " s period: " + succeeded[leaseHolder] + " in " + seconds(watched) + " s");
    }

    @Test
    @Order(4)
    void theLeaseHolderKilledWithSigkillTheOthersDashboardsKeepReceivingAndReconciliationMoves() throws Exception {
        assertTrue(leaseHolder >= 0, "test 3 found the lease holder");
        ServiceProcess holder = replicas.get(leaseHolder);
        List<Integer> survivors = IntStream.range(0, 3).filter(i -> i != leaseHolder).boxed().toList();
        long[] successesBefore = successes();

        ProcessHandle process = ProcessHandle.of(holder.pid()).orElseThrow();
        assertTrue(process.destroyForcibly(), "SIGKILL sent to replica " + (leaseHolder + 1));
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        long killed = System.nanoTime();
        System.out.printf("ReplicasIT: replica %d (the lease holder) killed with SIGKILL%n", leaseHolder + 1);
        int holderAskedAtDeath = alertmanagers.get(leaseHolder).requests(GROUPS);

        // the survivors' dashboards keep receiving: a change through one survivor, one through the other
        ServiceProcess first = replicas.get(survivors.get(0));
        ServiceProcess second = replicas.get(survivors.get(1));
        long sent = System.nanoTime();
        long id = create(first, "After the kill");
        awaitOnDashboards(survivors, "create on replica " + (survivors.get(0) + 1) + " after the kill", sent,
                (messages, change) -> change.id() == id);
        sent = System.nanoTime();
        HttpResponse<String> acknowledged = second.http().post("/api/incidents/" + id + "/acknowledge", "application/json",
                "{\"by\":\"replica-" + (survivors.get(1) + 1) + "\"}", "Authorization", "Bearer " + API_TOKEN);
        assertEquals(200, acknowledged.statusCode(), acknowledged.body());
        awaitOnDashboards(survivors, "acknowledge on replica " + (survivors.get(1) + 1) + " after the kill", sent,
                (messages, change) -> change.id() == id && change.status().equals("acknowledged"));
        for (int i : survivors) {
            assertEquals(List.of("open", "acknowledged"), seen.get(i).of(id).stream().map(Change::status).toList(),
                    "once each, in order, on replica " + (i + 1) + "'s dashboard");
        }

        // reconciliation moves: the dead session freed the advisory lock, a survivor takes it at its next period
        assertTrue(Http.eventually(PERIODS, () -> survivors.stream().anyMatch(i -> successesOf(i) > successesBefore[i])),
                "a surviving replica reconciles once the lease holder died");
        double movedAfter = seconds(killed);
        List<Integer> taking = survivors.stream().filter(i -> successesOf(i) > successesBefore[i]).toList();
        assertEquals(1, taking.size(), "one survivor took over, not both: " + taking);
        int successor = taking.get(0);
        System.out.printf("ReplicasIT: reconciliation moved to replica %d %.1f s after the SIGKILL (the period is %d s)%n",
                successor + 1, movedAfter, RECONCILE_PERIOD.toSeconds());
        assertTrue(alertmanagers.get(successor).requests(GROUPS) > 0, "the successor asks its Alertmanager");
        assertTrue(replicas.get(successor).log().contains("This replica reconciles with Alertmanager now"), "and says so");
        assertEquals(holderAskedAtDeath, alertmanagers.get(leaseHolder).requests(GROUPS), "the dead replica asks nothing");
    }

    @Test
    @Order(5)
    void prometheusThenAlertmanagerThenPostgresDownLeaveEveryReplicaReadyWithHealthDegradedAndTheDashboardStale() {
        List<ServiceProcess> alive = replicas.stream().filter(replica -> replica.awaitExit(Duration.ZERO) == -1).toList();
        assertEquals(2, alive.size());
        for (ServiceProcess replica : alive) {
            // a scrape cycle is 1 s and a snapshot stale after 2 s: on a busy machine, wait for a fresh one
            assertTrue(Http.eventually(PATIENCE, () -> replica.http().get("/health").statusCode() == 200
                            && !Http.json(replica.http().get("/api/metrics")).getBoolean("stale")),
                    "with every dependency up, /health is ok and the metrics fresh: " + replica.http().get("/health").body());
        }

        prometheus.close();
        assertDegraded(alive, Set.of("prometheus"));
        alertmanagers.forEach(FakeAlertmanager::close);
        assertDegraded(alive, Set.of("prometheus", "alertmanager"));
        postgres.stop();
        assertDegraded(alive, Set.of("prometheus", "alertmanager", "database"));
    }

    @Test
    @Order(6)
    void aStoppingReplicaClosesItsDashboardsWithGoingAway() throws Exception {
        ServiceProcess survivor = replicas.stream().filter(replica -> replica.awaitExit(Duration.ZERO) == -1)
                .findFirst().orElseThrow();
        try (SocketClient dashboard = subscribed(survivor)) {
            survivor.close();
            assertEquals(1001, dashboard.awaitClose(PATIENCE), "1001: clients reconnect to another replica");
        }
    }

    /** Waits until /health names exactly {@code failing}; the replica stays ready and its dashboard stale. */
    static void assertDegraded(List<ServiceProcess> alive, Set<String> failing) {
        long stopped = System.nanoTime();
        for (ServiceProcess replica : alive) {
            AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
            assertTrue(Http.eventually(PATIENCE, () -> {
                answer.set(replica.http().get("/health"));
                return down(answer.get()).equals(new TreeSet<>(failing));
            }), "/health names " + failing + ": " + (answer.get() == null ? "no answer" : answer.get().body()));
            HttpResponse<String> health = answer.get();
            assertEquals(503, health.statusCode(), health.body());
            assertEquals("degraded", Http.json(health).getString("status"), health.body());
            HttpResponse<String> ready = replica.http().get("/health/ready");
            assertEquals(200, ready.statusCode(), "with " + failing + " down: " + ready.body());
            assertEquals("UP", Http.json(ready).getString("status"), ready.body());
            assertTrue(Http.json(replica.http().get("/api/metrics")).getBoolean("stale"), "the dashboard shows stale");
        }
        System.out.printf("ReplicasIT: with %s down, every replica ready, /health degraded naming them and the dashboard stale"
                + " (%.1f s after the stop)%n", new TreeSet<>(failing), seconds(stopped));
    }

    static Set<String> down(HttpResponse<String> health) {
        JsonObject body = Http.json(health);
        if (!body.containsKey("checks")) {
            return Set.of();
        }
        return body.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> "DOWN".equals(check.getString("status", "")))
                .map(check -> check.getString("name")).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits for a matching change on every dashboard and prints how long after {@code sent} each arrived. */
    static void awaitOnEveryDashboard(String what, long sent, BiPredicate<IncidentMessages, Change> wanted) throws InterruptedException {
        awaitOnDashboards(List.of(0, 1, 2), what, sent, wanted);
    }

    /** {@code wanted} sees the dashboard's messages too, e.g. to count what it received of one incident. */
    static void awaitOnDashboards(List<Integer> which, String what, long sent, BiPredicate<IncidentMessages, Change> wanted)
            throws InterruptedException {
        List<String> delays = new ArrayList<>();
        for (int i : which) {
            IncidentMessages messages = seen.get(i);
            Change change = messages.await(candidate -> wanted.test(messages, candidate), PATIENCE);
            delays.add("replica " + (i + 1) + " " + (change.nanos() - sent) / 1_000_000 + " ms");
        }
        System.out.println("ReplicasIT: " + what + " reached the dashboards: " + String.join(", ", delays));
    }

    /**
     * A later change through {@code through} marks the end of what was coming for {@code id}: then every dashboard
     * must hold its changes once each, in order of version (a note does not raise the version: it repeats it).
     */
    static void assertOnceEachInOrder(long id, ServiceProcess through, String... statuses) throws InterruptedException {
        long marker = create(through, "Marker");
        for (int i = 0; i < 3; i++) {
            seen.get(i).await(change -> change.id() == marker, PATIENCE);
            List<Change> changes = seen.get(i).of(id);
            assertEquals(List.of(statuses), changes.stream().map(Change::status).toList(),
                    "each change once, in order, on replica " + (i + 1) + "'s dashboard: " + changes);
            assertEquals("created", changes.get(0).type(), changes.toString());
            assertTrue(changes.get(0).version() < changes.get(1).version(), "the acknowledge raised the version: " + changes);
            for (int c = 1; c < changes.size(); c++) {
                assertTrue(changes.get(c - 1).version() <= changes.get(c).version(), "in order of version: " + changes);
                assertEquals("updated", changes.get(c).type(), changes.toString());
            }
        }
    }

    static List<Long> versions(List<Change> changes, long id) {
        return changes.stream().filter(change -> change.id() == id).map(Change::version).toList();
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

    static final Pattern RUNS = Pattern.compile("(?m)^incidents_reconcile_runs_total\\{([^}]*)} (\\S+)$");

    /** {@code incidents_reconcile_runs_total} of one replica, of the outcomes {@code outcome} matches (0 when dead). */
    static long runsOf(int replica, String outcome) {
        if (replicas.get(replica).awaitExit(Duration.ZERO) != -1) {
            return 0;
        }
        Matcher line = RUNS.matcher(replicas.get(replica).http().get("/mpmetrics").body());
        double total = 0;
        while (line.find()) {
            if (line.group(1).matches(".*outcome=\"" + outcome + "\".*")) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return Math.round(total);
    }

    static long successesOf(int replica) {
        return runsOf(replica, "success");
    }

    static long[] successes() {
        return IntStream.range(0, 3).mapToLong(ReplicasIT::successesOf).toArray();
    }

    static long[] runs() {
        return IntStream.range(0, 3).mapToLong(i -> runsOf(i, "[a-z]+")).toArray();
    }

    static int[] groupRequests() {
        return alertmanagers.stream().mapToInt(alertmanager -> alertmanager.requests(GROUPS)).toArray();
    }

    static long[] delta(long[] before, long[] after) {
        return IntStream.range(0, before.length).mapToLong(i -> after[i] - before[i]).toArray();
    }

    static long total(long[] values) {
        return java.util.Arrays.stream(values).sum();
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }
}
