package dev.servicemetrics.incidents.control;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
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
import java.util.Set;
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
    IncidentStore store;

    @Inject
    IncidentMetrics metrics;

    @Inject
    ServiceConfiguration configuration;

    private final AtomicReference<ReconcileRun> last = new AtomicReference<>();

    /** Three scrape intervals, at least 15 s: Alertmanager's API is asked less often than Prometheus. */
    public Duration period() {
        Duration threeScrapes = configuration.scrapeInterval().multipliedBy(3);
        return threeScrapes.compareTo(MINIMUM_PERIOD) < 0 ? MINIMUM_PERIOD : threeScrapes;
    }

    public Optional<ReconcileRun> lastRun() {
        return Optional.ofNullable(last.get());
    }

    public ReconcileRun reconcile() {
        Instant started = Instant.now();
        List<ReportedAlert> alerts;
        try {
            alerts = fetch();
        } catch (RuntimeException unavailable) {
            return finish(ReconcileRun.failed(started, "Alertmanager at " + configuration.alertmanagerUrl()
                    + " did not answer (" + RootCause.describe(unavailable) + "); no incident was changed"));
        }
        try {
            int opened = 0;
            for (ReportedAlert reported : alerts) {
                if (reported.active() && intake.receive(reported.alert(), ACTOR, "found by reconciliation")
                        == AlertIntake.Outcome.OPENED) {
                    opened++;
                }
            }
            Set<AlertKey> held = alerts.stream().map(reported -> reported.alert().key()).collect(Collectors.toSet());
            int resolved = 0;
            // incidents created while Alertmanager was being asked may be newer than its answer
            for (AlertKey key : store.unresolvedAlertKeys(started)) {
                if (!held.contains(key) && intake.resolve(key, ACTOR, Instant.now(),
                        "Alertmanager no longer holds this alert; resolved by reconciliation") == AlertIntake.Outcome.RESOLVED) {
                    resolved++;
                }
            }
            return finish(ReconcileRun.succeeded(started, alerts.size(), opened, resolved));
        } catch (RuntimeException failed) {
            return finish(ReconcileRun.failed(started, "incidents could not be updated (" + RootCause.describe(failed) + ")"));
        }
    }

    /** The alerts Alertmanager holds that still fire; suppressed ones count as held, not as active. */
    private List<ReportedAlert> fetch() {
        String body;
        try (Response response = alertmanager.alerts()) {
            body = response.readEntity(String.class);
        }
        JsonArray array = Json.createReader(new StringReader(body)).readArray();
        List<ReportedAlert> alerts = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < array.size(); i++) {
            JsonObject json = array.getJsonObject(i);
            Alert alert = AlertJson.read(json, "alerts[" + i + "]", true);
            if (alert.endsAt().filter(end -> !end.isAfter(now)).isEmpty()) {
                alerts.add(new ReportedAlert(alert, "active".equals(state(json))));
            }
        }
        return alerts;
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
                LOG.info(() -> "Reconciliation with Alertmanager (" + run.alerts() + " alert(s) held) opened "
                        + run.opened() + " and resolved " + run.resolved() + " incident(s) the webhook had not reported");
            }
        }
        return run;
    }

    private record ReportedAlert(Alert alert, boolean active) {
    }
}
