package dev.servicemetrics.incidents.control;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Turns Alertmanager's alerts into incidents, for the webhook and for reconciliation alike. Delivery
 * is at least once and concurrent, so the same alert any number of times is one incident: a look-up
 * answers most repeats cheaply, and the database's unique key settles the races the look-up cannot see.
 */
@ApplicationScoped
public class AlertIntake {

    /** SQLSTATE of a unique-key violation, on PostgreSQL and on H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final Logger LOG = Logger.getLogger(AlertIntake.class.getName());

    @Inject
    IncidentStore store;

    public enum Outcome {
        OPENED, RESOLVED, DUPLICATE, UNCHANGED
    }

    /** A firing alert opens its incident once; a resolved alert resolves it (opened and resolved if it was never seen firing). */
    public Outcome receive(Alert alert, String by, String how) {
        Optional<Long> known = store.findByAlert(alert.key());
        if (known.isPresent()) {
            return known(alert, by);
        }
        try {
            store.openFromAlert(alert, by, how);
            return Outcome.OPENED;
        } catch (PersistenceException failed) {
            if (!isUniqueViolation(failed) && store.findByAlert(alert.key()).isEmpty()) {
                throw failed;
            }
            LOG.info(() -> "Alert " + alert.fingerprint() + " starting " + Timestamps.iso(alert.startsAt())
                    + " arrived twice at once (another request or replica); the unique key kept one incident");
            return known(alert, by);
        }
    }

    /** An alert whose incident exists: firing again is a duplicate, resolved resolves it. */
    private Outcome known(Alert alert, String by) {
        return alert.firing() ? Outcome.DUPLICATE
                : resolve(alert.key(), by, alert.endedAt(Instant.now()), "Alertmanager reported the alert resolved");
    }

    /**
     * Resolves the incident of an alert that ended. Losing a race with another resolution (a second
     * replica, the webhook against reconciliation) is fine: the incident is resolved either way.
     */
    public Outcome resolve(AlertKey key, String by, Instant at, String message) {
        try {
            return store.resolveAlert(key, by, at, message).isPresent() ? Outcome.RESOLVED : Outcome.UNCHANGED;
        } catch (IncidentConflict raced) {
            return store.resolveAlert(key, by, at, message).isPresent() ? Outcome.RESOLVED : Outcome.UNCHANGED;
        }
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
