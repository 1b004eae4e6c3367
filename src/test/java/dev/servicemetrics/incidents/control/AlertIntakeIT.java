package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.EventType;
import dev.servicemetrics.incidents.entity.TimelineEntry;
import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.Notification;
import dev.servicemetrics.live.IncidentChange;
import dev.servicemetrics.replicas.SessionConnections;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InContainer;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.web.UpstreamFailure;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alert intake in Payara Micro with its real CDI, JTA and JPA wiring, on a real PostgreSQL: concurrent
 * deliveries of one group, re-deliveries, and incident changes that reach observers only once committed.
 */
@ExtendWith(ArquillianExtension.class)
class AlertIntakeIT {

    private static final int CONCURRENT = 20;
    /** Far beyond what 20 small transactions take on a loaded machine; only a deadlock reaches it. */
    private static final long DELIVERIES_BOUND_SECONDS = 300;

    /** Client side only: the deployment has no Postgres class, so the field is typed by what the test needs of it. */
    private static AutoCloseable database;

    @Inject
    AlertDelivery delivery;

    @Inject
    AlertIntake intake;

    @Inject
    IncidentStore store;

    @Inject
    SilenceStore silences;

    @Inject
    CommittedChanges committed;

    @Inject
    UserTransaction transaction;

    @Inject
    SessionConnections connections;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Deployment
    static WebArchive deployment() {
        Postgres postgres = Postgres.start();
        database = postgres;
        InContainer.serverSettings(Map.of("DATABASE_URL", postgres.jdbcUrl(), "DATABASE_USER", postgres.user()));
        return InContainer.deployment("incidents", "dev.servicemetrics.incidents.control", "dev.servicemetrics.incidents.entity",
                        "dev.servicemetrics.database", "dev.servicemetrics.config", "dev.servicemetrics.replicas",
                        "dev.servicemetrics.health")
                .addClasses(IncidentChange.class, UpstreamFailure.class, Http.class);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void concurrentFirstDeliveriesOfOneGroupMakeOneIncident() throws Exception {
        AlertGroup group = newGroup();
        List<AlertIntake.Outcome> outcomes = deliverAtOnce(i -> notification(group, alert("fp-" + i, group)));

        Set<Long> incidents = outcomes.stream().flatMap(outcome -> outcome.incidents().stream()).collect(Collectors.toSet());
        assertEquals(1, incidents.size(), "every delivery went to one incident: " + outcomes);
        long id = incidents.iterator().next();
        assertEquals(CONCURRENT, outcomes.stream().mapToInt(AlertIntake.Outcome::opened).sum());
        IncidentView incident = store.view(id).orElseThrow();
        assertEquals(CONCURRENT, incident.alertsTotal());
        assertEquals(CONCURRENT, incident.alertsFiring());
        assertEquals(CONCURRENT, store.alerts(id, Optional.empty(), 0, 1000).orElseThrow().size());
        assertEquals(1, committed.of(id).stream().filter(seen -> seen.change().type() == IncidentChanged.Change.CREATED).count(),
                "one created change: " + committed.of(id));
    }

    @Test
    void concurrentRedeliveriesOfOneAlertRecordItOnce() throws Exception {
        AlertGroup group = newGroup();
        Notification same = notification(group, alert("fp-same", group));
        List<AlertIntake.Outcome> outcomes = deliverAtOnce(i -> same);

        assertEquals(1, outcomes.stream().mapToInt(AlertIntake.Outcome::opened).sum(), "opened once: " + outcomes);
        assertEquals(CONCURRENT - 1, outcomes.stream().mapToInt(AlertIntake.Outcome::duplicate).sum(), "the rest duplicates: " + outcomes);
        long id = outcomes.stream().flatMap(outcome -> outcome.incidents().stream()).findFirst().orElseThrow();
        assertEquals(1, store.view(id).orElseThrow().alertsTotal());
        assertEquals(List.of(IncidentChanged.Change.CREATED), committed.of(id).stream().map(seen -> seen.change().type()).toList(),
                "duplicates change nothing and announce nothing");
    }

    @Test
    void aRedeliveryChangesNothing() {
        AlertGroup group = newGroup();
        Notification notification = notification(group, alert("fp-again", group));
        AlertIntake.Outcome first = delivery.deliver(notification, "alertmanager", "webhook");
        long id = first.incidents().iterator().next();
        long version = store.view(id).orElseThrow().version();

        AlertIntake.Outcome again = delivery.deliver(notification, "alertmanager", "webhook");

        assertEquals(1, again.duplicate());
        assertEquals(0, again.opened());
        assertEquals(Set.of(), again.incidents());
        assertEquals(version, store.view(id).orElseThrow().version());
        assertEquals(1, committed.of(id).size(), "only the first delivery's change: " + committed.of(id));
    }

    @Test
    void aChangeIsObservedOnlyOnceCommitted() {
        AlertGroup group = newGroup();
        long id = delivery.deliver(notification(group, alert("fp-commit", group)), "alertmanager", "webhook")
                .incidents().iterator().next();

        List<CommittedChanges.Observed> seen = committed.of(id);
        assertEquals(1, seen.size());
        assertEquals(seen.get(0).change().incident().version(), seen.get(0).versionSeenOutside(),
                "another session saw the announced version when the observer ran: it was committed");
    }

    @Test
    void aRolledBackDeliveryAnnouncesNothing() throws Exception {
        AlertGroup group = newGroup();
        transaction.begin();
        AlertIntake.Outcome outcome;
        try {
            outcome = intake.receive(notification(group, alert("fp-rollback", group)), "alertmanager", "webhook");
        } finally {
            transaction.rollback();
        }

        long id = outcome.incidents().iterator().next();
        assertEquals(Optional.empty(), store.view(id), "the incident was rolled back");
        assertEquals(List.of(), committed.of(id), "and no observer heard of it");
    }

    @Test
    void aChangeThatLostTheRaceIsAConflictAndAnnouncesNothing() throws Exception {
        AlertGroup group = newGroup();
        long id = delivery.deliver(notification(group, alert("fp-race", group)), "alertmanager", "webhook")
                .incidents().iterator().next();
        int announcedBefore = committed.of(id).size();

        transaction.begin();
        CompletableFuture<Throwable> loser = new CompletableFuture<>();
        try {
            store.acknowledge(id, "first", Optional.empty()); // flushed: the row stays locked until the commit
            // the second reads the version before the first commits, then waits for the row
            threads.newThread(() -> loser.complete(resolveInItsOwnTransaction(id))).start();
            assertTrue(Http.eventually(Duration.ofSeconds(DELIVERIES_BOUND_SECONDS), () -> sessionsWaitingForALock() > 0),
                    "the second change waits for the first one's row");
        } finally {
            transaction.commit();
        }

        Throwable lost = loser.get(DELIVERIES_BOUND_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(IncidentConflict.class, lost, String.valueOf(lost));
        assertTrue(lost.getMessage().contains("changed concurrently"), lost.getMessage());
        assertEquals(IncidentStatus.ACKNOWLEDGED, store.view(id).orElseThrow().status(), "the first change stands");
        assertEquals(List.of("first"), committed.of(id).stream().skip(announcedBefore)
                        .map(seen -> seen.change().incident().acknowledgedBy().orElse("?")).toList(),
                "only the first change was announced");
    }

    /**
     * A note or a silence recorded while another change holds the incident's row waits for it and then stands: it
     * reads the row under a lock, so it never fails on the version the other change moved on (the acknowledgement
     * with silenceFor failed with a 500 that way in a full run, racing reconciliation).
     */
    @Test
    void aNoteAndASilenceRecordedWhileAnotherChangeHoldsTheIncidentWaitForItAndStand() throws Exception {
        AlertGroup group = newGroup();
        long id = delivery.deliver(notification(group, alert("fp-held", group)), "alertmanager", "webhook")
                .incidents().iterator().next();
        Instant now = Instant.now();
        CompletableFuture<Throwable> note = new CompletableFuture<>();
        CompletableFuture<Throwable> silence = new CompletableFuture<>();
        transaction.begin();
        try {
            store.acknowledge(id, "first", Optional.empty()); // flushed: the row stays locked until the commit
            threads.newThread(() -> note.complete(failureOf(() -> store.addNote(id, "bob", "looking into it")))).start();
            threads.newThread(() -> silence.complete(failureOf(() -> silences.record(id, "silence-held", "[]", "carol",
                    "quiet please", now, now.plus(Duration.ofHours(1)), "its alerts")))).start();
            assertTrue(Http.eventually(Duration.ofSeconds(DELIVERIES_BOUND_SECONDS), () -> sessionsWaitingForALock() >= 2),
                    "both wait for the first change's row");
        } finally {
            transaction.commit();
        }

        assertEquals(null, note.get(DELIVERIES_BOUND_SECONDS, TimeUnit.SECONDS), "the note stands");
        assertEquals(null, silence.get(DELIVERIES_BOUND_SECONDS, TimeUnit.SECONDS), "the silence stands");
        List<EventType> types = store.timeline(id).orElseThrow().stream().map(TimelineEntry::type).toList();
        assertTrue(types.containsAll(List.of(EventType.ACKNOWLEDGED, EventType.NOTE, EventType.SILENCED)), types.toString());
        assertEquals(IncidentStatus.ACKNOWLEDGED, store.view(id).orElseThrow().status(), "the first change stands too");
    }

    private static Throwable failureOf(Runnable change) {
        try {
            change.run();
            return null;
        } catch (RuntimeException failed) {
            return failed;
        }
    }

    /** What resolving the incident threw, in a transaction of its own that is rolled back; null if it succeeded. */
    private Throwable resolveInItsOwnTransaction(long id) {
        try {
            transaction.begin();
            try {
                store.resolve(id, "second", Optional.empty());
                return null;
            } catch (RuntimeException lost) {
                return lost;
            } finally {
                transaction.rollback();
            }
        } catch (Exception transactionFailed) {
            return transactionFailed;
        }
    }

    private long sessionsWaitingForALock() {
        try (Connection connection = connections.open("test lock watch");
             ResultSet waiting = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            waiting.next();
            return waiting.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@link #CONCURRENT} deliveries from as many threads released at once; fails on any delivery's failure. */
    private List<AlertIntake.Outcome> deliverAtOnce(IntFunction<Notification> notifications) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(CONCURRENT);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(CONCURRENT);
        Queue<AlertIntake.Outcome> outcomes = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            Notification notification = notifications.apply(i);
            Thread thread = threads.newThread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    outcomes.add(delivery.deliver(notification, "alertmanager", "webhook"));
                } catch (Throwable failed) {
                    failures.add(failed);
                } finally {
                    done.countDown();
                }
            });
            thread.start();
            started.add(thread);
        }
        assertTrue(ready.await(DELIVERIES_BOUND_SECONDS, TimeUnit.SECONDS), "all threads started");
        go.countDown();
        assertTrue(done.await(DELIVERIES_BOUND_SECONDS, TimeUnit.SECONDS), "all deliveries finished");
        for (Thread thread : started) {
            thread.join();
        }
        assertEquals(List.of(), List.copyOf(failures), "no delivery failed");
        return List.copyOf(outcomes);
    }

    private static AlertGroup newGroup() {
        return new AlertGroup("ops", Map.of("alertname", "DiskUsageHigh", "test", UUID.randomUUID().toString()));
    }

    private static Alert alert(String fingerprint, AlertGroup group) {
        Map<String, String> labels = new TreeMap<>(group.labels());
        labels.put("instance", fingerprint);
        return new Alert(fingerprint, Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60), Optional.empty(), true,
                labels, Map.of("summary", "disk almost full"), Optional.empty());
    }

    private static Notification notification(AlertGroup group, Alert alert) {
        return new Notification(group, alert.labels(), alert.annotations(), 0, List.of(alert));
    }
}
