package dev.servicemetrics.replicas;

import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Publishes a committed incident change to every replica (this one included) with NOTIFY; each replica's
 * {@link ChangeListener} pushes it to its own dashboards. One path for every change, so no dashboard gets
 * one twice; this replica's own changes it remembers as they were committed, so that its listener need not read them
 * back ({@link OwnChanges}). The notice goes out on a connection of its own: the change's transaction has completed, and a
 * pooled connection taken now would be enlisted in it.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());

    @Inject
    SessionConnections connections;

    private final OwnChanges own = new OwnChanges(1_000);
    private Connection connection;

    /**
     * Called once the change is committed. False when there is no feed (H2, a single node) or the notice
     * could not be sent: the caller then pushes the change to this replica's dashboards itself, and the
     * other replicas catch up when their listener resynchronises.
     */
    public boolean publish(IncidentChanged change) {
        if (!connections.replicated()) {
            return false;
        }
        ChangeNotice notice = new ChangeNotice(change.incident().id(), change.incident().version(), change.type().wireName());
        // known before the notice leaves: the listener may hear it back before notify returns
        own.announced(notice, change.incident());
        synchronized (this) {
            // a connection left over from before a database restart fails once; a fresh one is tried at once
            for (int attempt = 1; attempt <= 2; attempt++) {
                try {
                    notify(notice);
                    return true;
                } catch (SQLException | RuntimeException failed) {
                    closeConnection();
                    if (attempt == 2) {
                        own.notAnnounced(notice);
                        LOG.warning(() -> "Could not notify the replicas of incident " + notice.id() + " (" + failed.getMessage()
                                + "); pushing it to this replica's dashboards only");
                    }
                }
            }
            return false;
        }
    }

    /** What this replica announced with {@code notice}, for its own listener; empty for another replica's. */
    Optional<IncidentView> heardBack(ChangeNotice notice) {
        return own.heardBack(notice);
    }

    private void notify(ChangeNotice notice) throws SQLException {
        if (connection == null) {
            connection = connections.open("change feed");
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setQueryTimeout(5);
            notify.setString(1, ChangeNotice.CHANNEL);
            notify.setString(2, notice.payload());
            notify.execute();
        }
    }

    @PreDestroy
    synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyGone) {
                // nothing to release
            }
            connection = null;
        }
    }
}
