package dev.servicemetrics.replicas;

import dev.servicemetrics.incidents.control.IncidentStore;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.live.IncidentChange;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Every replica LISTENs on a connection of its own and pushes each change it hears of to its own dashboards:
 * the incident is read again (the notice names it; this replica's own changes come as their transaction left them),
 * older and repeated changes are dropped by version, and
 * the pushes leave in the order the notices came. After losing the database it reconnects by itself and
 * resynchronises: what changed since the last change it saw is read and pushed, so no dashboard misses a
 * change made while it was away.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class.getName());
    private static final int POLL_MILLIS = 5_000;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(15);
    /** Replicas stamp updated_at with their own clocks; resynchronisation looks back this much further. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    @Inject
    SessionConnections connections;

    @Inject
    IncidentStore store;

    @Inject
    ChangeFeed feed;

    @Inject
    Event<IncidentChange> live;

    @Resource
    ManagedThreadFactory threads;

    private final SeenVersions seen = new SeenVersions(10_000);
    private volatile boolean running;
    private volatile Thread thread;
    private Instant lastChange = Instant.now();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!connections.replicated()) {
            return;
        }
        running = true;
        thread = threads.newThread(this::listen);
        thread.setName("incident-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        String lost = null;
        while (running) {
            try (Connection connection = connections.open("change listener")) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + ChangeNotice.CHANNEL);
                }
                int resent = resynchronise(connection);
                if (lost != null) {
                    LOG.info("Listening to incident changes again; " + resent + " change(s) made meanwhile pushed to dashboards");
                } else {
                    LOG.info("Listening to incident changes of every replica (PostgreSQL channel " + ChangeNotice.CHANNEL + ")");
                }
                lost = null;
                retry = FIRST_RETRY;
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notices.getNotifications(POLL_MILLIS);
                    if (received == null || received.length == 0) {
                        if (!connection.isValid(5)) {
                            throw new SQLException("the listening connection stopped answering");
                        }
                        continue;
                    }
                    for (PGNotification notification : received) {
                        ChangeNotice.parse(notification.getParameter()).ifPresent(this::heard);
                    }
                }
            } catch (SQLException | RuntimeException failed) {
                if (!running) {
                    return;
                }
                String reason = String.valueOf(failed.getMessage()).lines().findFirst().orElse("");
                if (lost == null) {
                    LOG.warning("Lost the database connection that hears incident changes (" + reason
                            + "); reconnecting, dashboards catch up once it is back");
                }
                lost = reason;
                if (!pause(retry)) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void heard(ChangeNotice notice) {
        if (seen.noticed(notice.id(), notice.version())) {
            feed.heardBack(notice).or(() -> store.view(notice.id())).ifPresent(incident -> push(notice.change(), incident));
        }
    }

    /** Reads what changed since the last change seen (LISTEN is already on, so nothing falls in between). */
    private int resynchronise(Connection connection) throws SQLException {
        Instant since = lastChange.minus(CLOCK_SKEW);
        int pushed = 0;
        for (RecentChanges.Changed incident : RecentChanges.since(connection, since)) {
            if (seen.newer(incident.id(), incident.version())) {
                String change = incident.createdAt().isAfter(since) ? IncidentChange.CREATED : IncidentChange.UPDATED;
                if (store.view(incident.id()).map(view -> push(change, view)).orElse(false)) {
                    pushed++;
                }
            }
        }
        return pushed;
    }

    private boolean push(String change, IncidentView incident) {
        if (!seen.pushing(incident.id(), incident.version())) {
            return false;
        }
        if (incident.updatedAt().isAfter(lastChange)) {
            lastChange = incident.updatedAt();
        }
        try {
            // on this thread, in the order heard: the observer only queues the change for the dashboards (an
            // asynchronous event would capture the thread's context for every change, a storm's main cost here)
            live.fire(new IncidentChange(change, incident.toJson()));
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "Pushing incident " + incident.id() + " to dashboards failed", failed);
        }
        return true;
    }

    private boolean pause(Duration retry) {
        try {
            Thread.sleep(retry.toMillis());
            return running;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
