package dev.servicemetrics.replicas;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Which replica reconciles with Alertmanager: the one holding a PostgreSQL session-level advisory lock on a
 * connection of its own. The lock goes with the session, so a replica that stops, dies or loses its
 * connection frees it, and the next replica to ask within one period takes over. On H2 there is one node,
 * and it always holds the lease.
 */
@ApplicationScoped
public class ReconcilerLease {

    private static final Logger LOG = Logger.getLogger(ReconcilerLease.class.getName());
    /** The advisory lock's key: any bigint the service owns alone in its database ("smreconc" in ASCII). */
    static final long LOCK_KEY = 0x736d7265636f6e63L;

    @Inject
    SessionConnections connections;

    private Connection connection;
    private boolean held;

    /** Whether this replica reconciles now; asks the database, so it is called once per period. */
    public synchronized boolean held() {
        if (!connections.replicated()) {
            return true;
        }
        boolean before = held;
        try {
            if (connection != null && !connection.isValid(5)) {
                release();
            }
            if (connection == null) {
                connection = connections.open("reconciler lease");
            }
            if (!held) {
                held = tryLock();
            }
        } catch (SQLException lost) {
            release();
        }
        if (held != before) {
            LOG.info(held ? "This replica reconciles with Alertmanager now (it holds the reconciler lease)"
                    : "Another replica reconciles with Alertmanager now (this one lost the reconciler lease)");
        }
        return held;
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setQueryTimeout(5);
            lock.setLong(1, LOCK_KEY);
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Closing the session releases the lock at once, so another replica need not wait for a dead one. */
    @PreDestroy
    synchronized void release() {
        held = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // the session, and with it the lock, is gone already
            }
            connection = null;
        }
    }
}
