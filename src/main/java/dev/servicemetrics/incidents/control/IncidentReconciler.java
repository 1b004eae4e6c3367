package dev.servicemetrics.incidents.control;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.AlertState;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Makes the incidents agree with what Alertmanager holds, so that a missed webhook neither loses an
 * incident nor leaves one open forever: an active alert without an incident opens one, an unresolved
 * incident whose alert Alertmanager no longer holds is resolved. Nothing is resolved unless
 * Alertmanager answered: an unreachable or failing Alertmanager leaves every incident as it is.
 */
@ApplicationScoped
public class IncidentReconciler {

    private static final Logger LOG = Logger.getLogger(IncidentReconciler.class.getName());
    static final String ACTOR = "reconciliation";
    private static final Duration MINIMUM_PERIOD = Duration.ofSeconds(15);

    @Inject
    AlertmanagerClient alertmanager;

    @Inject
    AlertIntake intake;

    @Inject
    AlertDelivery delivery;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    IncidentStore store;

    @Inject
    IncidentMetrics metrics;

    @Inject
    ServiceConfiguration configuration;

    private final AtomicReference<ReconcileRun> last = new AtomicReference<>();

    /** RECONCILE_INTERVAL when set, else three scrape intervals and at least 15 s: Alertmanager's API is asked less often than Prometheus. */
    public Duration period() {
        return period(configuration.scrapeInterval(), configuration.reconcileInterval());
    }

    static Duration period(Duration scrapeInterval, Optional<Duration> reconcileInterval) {
        return reconcileInterval.orElseGet(() -> {
            Duration threeScrapes = scrapeInterval.multipliedBy(3);
            return threeScrapes.compareTo(MINIMUM_PERIOD) < 0 ? MINIMUM_PERIOD : threeScrapes;
        });
    }

    public Optional<ReconcileRun> lastRun() {
        return Optional.ofNullable(last.get());
    }

    /** Reconciles now unless a run is under way (the timer's, or one asked for by a truncated notification). */
    public Optional<ReconcileRun> reconcileIfIdle() {
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reconcile());
        } finally {
            running.set(false);
        }
    }

    /** A run soon, off the caller's thread: a notification said Alertmanager left alerts out of it. */
    public void reconcileSoon() {
        executor.execute(this::reconcileIfIdle);
    }

    ReconcileRun reconcile() {
        Instant started = Instant.now();
        List<Notification> groups;
        Map<AlertKey, AlertState> states = new HashMap<>();
        try {
            groups = fetch(states);
        } catch (RuntimeException unavailable) {
            return finish(ReconcileRun.failed(started, "Alertmanager at " + configuration.alertmanagerUrl()
                    + " did not answer (" + RootCause.describe(unavailable) + "); no incident was changed"));
        }
        try {
            int opened = 0;
            Set<AlertKey> held = new HashSet<>();
            for (Notification group : groups) {
                group.alerts().forEach(alert -> held.add(alert.key()));
                List<Alert> active = group.alerts().stream().filter(Alert::firing).toList();
                if (!active.isEmpty()) {
                    opened += delivery.deliver(new Notification(group.group(), group.commonLabels(), group.commonAnnotations(),
                            0, active), ACTOR, "found by reconciliation").opened();
                }
            }
            intake.recordStates(states, ACTOR);
            // alerts recorded while Alertmanager was being asked may be newer than its answer
            Map<Long, List<AlertIntake.FiringAlert>> gone = intake.firingSeenBefore(started).stream()
                    .filter(alert -> !held.contains(alert.key()))
                    .collect(Collectors.groupingBy(AlertIntake.FiringAlert::incidentId));
            int resolved = 0;
            for (Map.Entry<Long, List<AlertIntake.FiringAlert>> incident : gone.entrySet()) {
                resolved += intake.resolveGone(incident.getKey(), incident.getValue(), ACTOR);
            }
            return finish(ReconcileRun.succeeded(started, held.size(), opened, resolved));
        } catch (RuntimeException failed) {
            return finish(ReconcileRun.failed(started, "incidents could not be updated (" + RootCause.describe(failed) + ")"));
        }
    }

    /**
     * Every group Alertmanager holds, with all its alerts still current; the active ones are firing, the
     * silenced or inhibited ones are held (nothing resolves them) but open nothing.
     */
    private List<Notification> fetch(Map<AlertKey, AlertState> states) {
        String body;
        try (Response response = alertmanager.alertGroups()) {
            body = response.readEntity(String.class);
        }
        JsonArray array = JsonFactory.createReader(new StringReader(body)).readArray();
        List<Notification> groups = new ArrayList<>();
        Instant now = Instant.now();
        for (int g = 0; g < array.size(); g++) {
            String path = "groups[" + g + "]";
            JsonObject json = array.getJsonObject(g);
            String receiver = json.get("receiver") instanceof JsonObject named
                    ? JsonFields.text(named, path + ".receiver", "name").orElse("") : "";
            AlertGroup group = new AlertGroup(receiver, JsonFields.strings(json, path, "labels").orElse(Map.of()));
            JsonArray alertsJson = json.getJsonArray("alerts");
            List<Alert> alerts = new ArrayList<>();
            for (int i = 0; alertsJson != null && i < alertsJson.size(); i++) {
                JsonObject alertJson = alertsJson.getJsonObject(i);
                Alert alert = AlertJson.read(alertJson, path + ".alerts[" + i + "]", "active".equals(state(alertJson)));
                if (alert.endsAt().filter(end -> !end.isAfter(now)).isEmpty()) {
                    alerts.add(alert);
                    states.put(alert.key(), stateOf(alertJson));
                }
            }
            groups.add(new Notification(group, Notification.common(alerts.stream().map(Alert::labels).toList()),
                    Notification.common(alerts.stream().map(Alert::annotations).toList()), 0, alerts));
        }
        return groups;
    }

    /** {"state":"suppressed","silencedBy":["…"],"inhibitedBy":["…"]} of Alertmanager's API. */
    private static AlertState stateOf(JsonObject alert) {
        if (!(alert.get("status") instanceof JsonObject status)) {
            return AlertState.ACTIVE;
        }
        return new AlertState(state(alert), ids(status, "silencedBy"), ids(status, "inhibitedBy"));
    }

    private static List<String> ids(JsonObject status, String field) {
        if (!(status.get(field) instanceof JsonArray array)) {
            return List.of();
        }
        return array.stream().filter(JsonString.class::isInstance).map(value -> ((JsonString) value).getString()).sorted().toList();
    }

    private static String state(JsonObject alert) {
        JsonValue status = alert.get("status");
        if (status instanceof JsonObject object && object.get("state") instanceof JsonString state) {
            return state.getString();
        }
        return "active";
    }

    private ReconcileRun finish(ReconcileRun run) {
        ReconcileRun previous = last.getAndSet(run);
        metrics.reconciled(run);
        if (run.failure().isPresent()) {
            if (previous == null || !run.failure().equals(previous.failure())) {
                LOG.warning("Reconciliation failed, retrying every " + period().toSeconds() + " s: " + run.failure().get());
            }
        } else {
            if (previous != null && !previous.succeeded()) {
                LOG.info("Reconciliation with Alertmanager works again");
            }
            if (run.opened() + run.resolved() > 0) {
                LOG.info(() -> "Reconciliation with Alertmanager (" + run.alerts() + " alert(s) held) recorded "
                        + run.opened() + " and resolved " + run.resolved() + " alert(s) the webhook had not reported");
            }
        }
        return run;
    }

}
