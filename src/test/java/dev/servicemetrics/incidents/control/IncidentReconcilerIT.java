package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.AlertView;
import dev.servicemetrics.incidents.entity.EventType;
import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.Notification;
import dev.servicemetrics.incidents.entity.TimelineEntry;
import dev.servicemetrics.live.IncidentChange;
import dev.servicemetrics.replicas.SessionConnections;
import dev.servicemetrics.testsupport.AlertmanagerProcess;
import dev.servicemetrics.testsupport.FaultyProxy;
import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InContainer;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.Postgres;
import dev.servicemetrics.web.UpstreamFailure;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reconciliation in Payara Micro with its real CDI, JTA and REST client, on a real PostgreSQL, asking a real
 * Alertmanager (whose receiver has no webhook: the service learns of alerts only by asking). The service's
 * ALERTMANAGER_URL names a loopback front in the server's JVM that passes every request to that Alertmanager
 * unless a test injects a fault (a 500, a body that is no JSON, nobody listening). No timer runs here: the
 * tests call the reconciler themselves.
 */
@ExtendWith(ArquillianExtension.class)
class IncidentReconcilerIT {

    /** Each test's alerts carry a {@code test} label of their own: a group of their own. */
    private static final String ALERTMANAGER_CONFIG = """
            route:
              receiver: nobody
              group_by: ['alertname', 'test']
            receivers:
              - name: nobody
            """;
    /** Alertmanager takes in a posted alert at once; a loaded machine may still take seconds. */
    private static final Duration PATIENCE = Patience.ofIntervals(Duration.ofSeconds(2));
    /** Who the timeline names for what reconciliation did. */
    private static final String ACTOR = "reconciliation";

    /** Client side only: the deployment has neither class, so the fields are typed by what the test needs of them. */
    private static AutoCloseable database;
    private static AutoCloseable alertmanagerProcess;

    /** Server side only: the front that ALERTMANAGER_URL names. */
    private static FaultyProxy front;

    @Inject
    IncidentReconciler reconciler;

    @Inject
    AlertDelivery delivery;

    @Inject
    IncidentStore store;

    @Inject
    SessionConnections connections;

    @Inject
    ServiceConfiguration configuration;

    /** The real Alertmanager, asked directly: the tests raise and end alerts in it as Prometheus would. */
    private AlertmanagerAlerts alertmanager;

    @Deployment
    static WebArchive deployment() {
        Postgres postgres = Postgres.start();
        database = postgres;
        AlertmanagerProcess real = AlertmanagerProcess.start(ALERTMANAGER_CONFIG, Map.of());
        alertmanagerProcess = real;
        InContainer.serverSettings(Map.of("DATABASE_URL", postgres.jdbcUrl(), "DATABASE_USER", postgres.user(),
                "ALERTMANAGER_URL", "http://127.0.0.1:" + FreePort.next(),
                "TEST_ALERTMANAGER_URL", real.uri().toString()));
        return InContainer.deployment("reconciliation", "dev.servicemetrics.incidents.control", "dev.servicemetrics.incidents.entity",
                        "dev.servicemetrics.database", "dev.servicemetrics.config", "dev.servicemetrics.replicas",
                        "dev.servicemetrics.health")
                .addClasses(IncidentChange.class, UpstreamFailure.class, Http.class, Patience.class, FaultyProxy.class);
    }

    @AfterAll
    static void stopProcesses() throws Exception {
        if (alertmanagerProcess != null) {
            alertmanagerProcess.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void frontPassesToAlertmanager() {
        URI real = URI.create(System.getProperty("TEST_ALERTMANAGER_URL"));
        alertmanager = new AlertmanagerAlerts(real);
        synchronized (IncidentReconcilerIT.class) {
            if (front == null) {
                front = FaultyProxy.on(configuration.alertmanagerUrl().getPort(), real, "/api/");
            }
            front.pass();
        }
    }

    @Test
    void anActiveAlertWithoutAnIncidentOpensOneIncidentForItsGroup() {
        String test = UUID.randomUUID().toString();
        Instant start = secondsAgo(60);
        alertmanager.raise(labels("DiskFull", test, "db-1"), start);
        alertmanager.raise(labels("DiskFull", test, "db-2"), start);
        awaitHeld(test, 2);

        assertTrue(reconcile().succeeded(), String.valueOf(reconciler.lastRun()));

        long id = onlyIncidentOf(test);
        IncidentView incident = store.view(id).orElseThrow();
        assertEquals(IncidentStatus.OPEN, incident.status());
        assertEquals(IncidentSource.ALERTMANAGER, incident.source());
        assertEquals(Optional.of("nobody"), incident.receiver());
        assertEquals(Map.of("alertname", "DiskFull", "test", test), incident.groupLabels());
        assertEquals(2, incident.alertsFiring());
        assertEquals(2, incident.alertsTotal());
        assertEquals(Set.of("db-1", "db-2"), instancesOf(id));
        TimelineEntry opened = store.timeline(id).orElseThrow().get(0);
        assertEquals(EventType.OPENED, opened.type());
        assertEquals(ACTOR, opened.by());
    }

    @Test
    void anIncidentWhoseAlertsAlertmanagerNoLongerHoldsIsResolved() {
        String test = UUID.randomUUID().toString();
        Map<String, String> labels = labels("CertExpiring", test, "web-1");
        Instant start = secondsAgo(60);
        alertmanager.raise(labels, start);
        awaitHeld(test, 1);
        reconcile();
        long id = onlyIncidentOf(test);
        assertEquals(IncidentStatus.OPEN, store.view(id).orElseThrow().status());

        alertmanager.end(labels, start, secondsAgo(1));
        awaitHeld(test, 0);
        ReconcileRun run = reconcile();

        assertTrue(run.succeeded(), String.valueOf(run));
        IncidentView incident = store.view(id).orElseThrow();
        assertEquals(IncidentStatus.RESOLVED, incident.status());
        assertEquals(Optional.of(ACTOR), incident.resolvedBy());
        assertEquals(0, incident.alertsFiring());
        TimelineEntry resolved = last(store.timeline(id).orElseThrow());
        assertEquals(EventType.RESOLVED, resolved.type());
        assertEquals(ACTOR, resolved.by());
        assertTrue(resolved.message().orElse("").contains("no longer holds"), String.valueOf(resolved));
    }

    @Test
    void anAlertmanagerAnsweringFiveHundredChangesNoIncident() {
        failingAlertmanagerChangesNothing(FaultyProxy::serverError);
    }

    @Test
    void anAlertmanagerAnsweringSomethingElseThanJsonChangesNoIncident() {
        failingAlertmanagerChangesNothing(FaultyProxy::garbage);
    }

    @Test
    void anUnreachableAlertmanagerChangesNoIncident() {
        failingAlertmanagerChangesNothing(proxy -> {
            proxy.close();
            front = null;
        });
    }

    @Test
    void aSecondReconciliationChangesNothing() {
        String test = UUID.randomUUID().toString();
        alertmanager.raise(labels("QueueStuck", test, "worker-1"), secondsAgo(60));
        awaitHeld(test, 1);
        assertTrue(reconcile().succeeded());
        List<String> before = everything();

        ReconcileRun again = reconcile();

        assertTrue(again.succeeded(), String.valueOf(again));
        assertEquals(0, again.opened());
        assertEquals(0, again.resolved());
        assertEquals(before, everything());
    }

    @Test
    void anIncidentAPersonResolvedIsNotReopenedWhileItsAlertStillFires() {
        String test = UUID.randomUUID().toString();
        Map<String, String> labels = labels("HighLatency", test, "api-1");
        Instant start = secondsAgo(60);
        alertmanager.raise(labels, start);
        awaitHeld(test, 1);
        reconcile();
        long id = onlyIncidentOf(test);
        long resolvedVersion = store.resolve(id, "alice", Optional.of("fixed by hand")).orElseThrow().version();

        assertTrue(reconcile().succeeded());

        IncidentView incident = store.view(id).orElseThrow();
        assertEquals(IncidentStatus.RESOLVED, incident.status());
        assertEquals(Optional.of("alice"), incident.resolvedBy());
        assertEquals(resolvedVersion, incident.version(), "the still firing alert changed nothing");
        assertEquals(id, onlyIncidentOf(test), "and opened no other incident");

        alertmanager.end(labels, start, secondsAgo(1));
        awaitHeld(test, 0);
        assertTrue(reconcile().succeeded());
        IncidentView ended = store.view(id).orElseThrow();
        assertEquals(Optional.of("alice"), ended.resolvedBy(), "the person's resolution stands once the alert ends");
        assertEquals(0, ended.alertsFiring());
    }

    @Test
    void reconcileSoonRunsOffTheCallersThread() {
        String test = UUID.randomUUID().toString();
        alertmanager.raise(labels("BackupLate", test, "nas-1"), secondsAgo(60));
        awaitHeld(test, 1);

        reconciler.reconcileSoon();

        assertTrue(Http.eventually(PATIENCE, () -> incidentsOf(test).size() == 1), "the run asked for found the alert");
    }

    /**
     * An incident whose alert Alertmanager does not hold (its resolved notification was missed) stays open while
     * Alertmanager fails, as does every other incident, and the run says why; once Alertmanager answers, it resolves.
     */
    private void failingAlertmanagerChangesNothing(Consumer<FaultyProxy> fault) {
        AlertGroup group = new AlertGroup("nobody", Map.of("alertname", "MissedResolution", "test", UUID.randomUUID().toString()));
        long id = delivery.deliver(notification(group, "fp-" + UUID.randomUUID()), "alertmanager", "webhook")
                .incidents().iterator().next();
        List<String> before = everything();

        fault.accept(front);
        ReconcileRun failed = reconcile();

        assertFalse(failed.succeeded(), String.valueOf(failed));
        assertTrue(failed.failure().orElseThrow().contains("no incident was changed"), failed.failure().orElseThrow());
        assertEquals(Optional.of(failed), reconciler.lastRun());
        assertEquals(before, everything(), "every incident and alert as it was");

        frontPassesToAlertmanager();
        assertTrue(reconcile().succeeded());
        assertEquals(IncidentStatus.RESOLVED, store.view(id).orElseThrow().status(), "an answering Alertmanager resolves it");
    }

    private ReconcileRun reconcile() {
        return reconciler.reconcileIfIdle()
                .orElseThrow(() -> new AssertionError("a run was under way, but nothing else reconciles here"));
    }

    private void awaitHeld(String test, int alerts) {
        assertTrue(Http.eventually(PATIENCE, () -> alertmanager.held(test) == alerts),
                "Alertmanager holds " + alerts + " alert(s) of test " + test);
    }

    private long onlyIncidentOf(String test) {
        Set<Long> incidents = incidentsOf(test);
        assertEquals(1, incidents.size(), "one incident for the group: " + incidents);
        return incidents.iterator().next();
    }

    private Set<String> instancesOf(long id) {
        Set<String> instances = new TreeSet<>();
        store.alerts(id, Optional.empty(), 0, 100).orElseThrow().stream().map(AlertView::labels)
                .forEach(labels -> instances.add(labels.get("instance")));
        return instances;
    }

    /** The incidents holding an alert of the test's group, by the label index of their alerts. */
    private Set<Long> incidentsOf(String test) {
        Set<Long> ids = new TreeSet<>();
        query("SELECT DISTINCT incident_id FROM incident_alert_label WHERE label_name = 'test' AND label_value = ?",
                row -> ids.add(row.getLong(1)), test);
        return ids;
    }

    /** Every incident, alert and timeline entry as stored: what a run that changes nothing leaves as it was. */
    private List<String> everything() {
        List<String> rows = new ArrayList<>();
        query("SELECT id, status, version, updated_at, resolved_by FROM incident ORDER BY id", row -> rows.add("incident "
                + row.getLong(1) + " " + row.getString(2) + " v" + row.getLong(3) + " " + row.getTimestamp(4) + " " + row.getString(5)));
        query("SELECT id, status, ends_at, last_seen_at, am_state FROM incident_alert ORDER BY id", row -> rows.add("alert "
                + row.getLong(1) + " " + row.getString(2) + " " + row.getTimestamp(3) + " " + row.getTimestamp(4) + " " + row.getString(5)));
        query("SELECT count(*) FROM incident_event", row -> rows.add("events " + row.getLong(1)));
        return rows;
    }

    private interface Row {
        void read(ResultSet row) throws SQLException;
    }

    private void query(String sql, Row each, String... parameters) {
        try (Connection connection = connections.open("test query");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    each.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> labels(String alertname, String test, String instance) {
        return Map.of("alertname", alertname, "test", test, "instance", instance, "severity", "warning");
    }

    private static Notification notification(AlertGroup group, String fingerprint) {
        Map<String, String> labels = new java.util.TreeMap<>(group.labels());
        labels.put("instance", fingerprint);
        Alert alert = new Alert(fingerprint, secondsAgo(60), Optional.empty(), true, labels, Map.of(), Optional.empty());
        return new Notification(group, alert.labels(), alert.annotations(), 0, List.of(alert));
    }

    private static Instant secondsAgo(long seconds) {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(seconds);
    }

    private static TimelineEntry last(List<TimelineEntry> timeline) {
        return timeline.get(timeline.size() - 1);
    }
}
