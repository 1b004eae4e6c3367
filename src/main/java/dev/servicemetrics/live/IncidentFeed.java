package dev.servicemetrics.live;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The incidents channel: every {@link IncidentChange} is coalesced for {@link #WINDOW} and reaches the
 * subscribed dashboards as one {@code changes} message per window (see {@link IncidentCoalescer}), so an
 * alert storm cannot overflow a dashboard's backlog.
 */
@ApplicationScoped
public class IncidentFeed {

    private static final Logger LOG = Logger.getLogger(IncidentFeed.class.getName());

    /** Short enough to feel live, long enough that a storm costs at most four messages a second. */
    static final Duration WINDOW = Duration.ofMillis(250);

    /** Incidents in one message (about 0.5 KB each); more wait for the next window. */
    static final int MAX_ENTRIES = 500;

    @Inject
    Dashboards dashboards;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private IncidentCoalescer coalescer;

    @PostConstruct
    void start() {
        coalescer = new IncidentCoalescer(WINDOW, MAX_ENTRIES, this::later, Clock.systemUTC(),
                message -> dashboards.broadcast(Channel.INCIDENTS, message));
    }

    /** Only queues the change, so it is taken synchronously on the thread that fires it. */
    void onIncidentChange(@Observes IncidentChange change) {
        coalescer.add(change);
    }

    private void later(Runnable flush, Duration delay) {
        try {
            scheduler.schedule(flush, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.fine(() -> "Incident changes not published: the application is stopping");
        }
    }
}
