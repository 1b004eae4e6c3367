package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.database.Migrations;
import dev.servicemetrics.incidents.control.IncidentReconciler;
import dev.servicemetrics.replicas.ReconcilerLease;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Runs reconciliation with Alertmanager on a non-persistent interval timer. Every replica has the timer,
 * but only the one holding the {@link ReconcilerLease} runs (the database's unique key would keep two from
 * duplicating incidents, not from doubling Alertmanager calls and timeline entries). A run never overlaps
 * the previous one, and none runs before the schema is migrated.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReconciliationTimer {

    private static final Logger LOG = Logger.getLogger(ReconciliationTimer.class.getName());
    static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(5);

    @Resource
    TimerService timers;

    @Inject
    IncidentReconciler reconciler;

    @Inject
    Migrations migrations;

    @Inject
    ReconcilerLease lease;

    @PostConstruct
    void schedule() {
        Duration period = reconciler.period();
        timers.createIntervalTimer(FIRST_RUN_AFTER.toMillis(), period.toMillis(), new TimerConfig("incident-reconciliation", false));
        LOG.info(() -> "Reconciling incidents with Alertmanager every " + period.toSeconds() + " s");
    }

    @Timeout
    void run() {
        if (migrations.applied() && lease.held()) {
            reconciler.reconcileIfIdle();
        }
    }
}
