package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The incidents' own MicroProfile metrics, scraped at /mpmetrics: alerts the webhook received and the
 * duplicates among them, reconciliation runs and what they changed, incidents by status, the
 * changes published to the live channel, and list pages answered from a kept copy or read.
 */
@ApplicationScoped
public class IncidentMetrics {

    static final String RECEIVED = "incidents.webhook.alerts.received";
    static final String DUPLICATES = "incidents.webhook.duplicates.ignored";
    static final String RUNS = "incidents.reconcile.runs";
    static final String RECONCILE_OPENED = "incidents.reconcile.opened";
    static final String RECONCILE_RESOLVED = "incidents.reconcile.resolved";
    static final String BY_STATUS = "incidents.current";
    static final String CHANGES = "incidents.changes.published";
    static final String LIST_PAGES = "incidents.list.pages";

    // Every use passes the metadata a metric was registered with: SmallRye Metrics (the implementation on
    // WildFly) refuses a lookup by name alone once a description is registered.
    private static final Metadata RECEIVED_METADATA = Metadata.builder().withName(RECEIVED)
            .withDescription("Alerts received through the Alertmanager webhook, duplicates included").build();
    private static final Metadata DUPLICATES_METADATA = Metadata.builder().withName(DUPLICATES)
            .withDescription("Webhook alerts that were already known (fingerprint + startsAt) and changed nothing").build();
    private static final Metadata RECONCILE_OPENED_METADATA = Metadata.builder().withName(RECONCILE_OPENED)
            .withDescription("Alerts recorded by reconciliation because no webhook reported them (each opens or joins its group's incident)").build();
    private static final Metadata RECONCILE_RESOLVED_METADATA = Metadata.builder().withName(RECONCILE_RESOLVED)
            .withDescription("Alerts resolved by reconciliation because Alertmanager no longer holds them (an incident resolves with its last one)").build();
    private static final Metadata RUNS_METADATA = Metadata.builder().withName(RUNS)
            .withDescription("Reconciliation runs with Alertmanager, by outcome").build();
    private static final Metadata CHANGES_METADATA = Metadata.builder().withName(CHANGES)
            .withDescription("Committed incident changes passed on to the live channel, by type").build();

    private static final Metadata LIST_PAGES_METADATA = Metadata.builder().withName(LIST_PAGES)
            .withDescription("List pages answered, by how: kept (the database had not changed since the page was read) or read").build();

    @Inject
    MetricRegistry registry;

    /** Counted on every list request: looked up once, not through the registry each time. */
    private Counter listPagesKept;
    private Counter listPagesRead;

    @Inject
    IncidentStore store;

    private static final Duration COUNTS_FRESH_FOR = Duration.ofSeconds(2);

    /**
     * The last counts read: one query serves the three gauges of a scrape, and the last counts are
     * answered while the database is away rather than failing the scrape.
     */
    private final AtomicReference<Counted> counts = new AtomicReference<>(new Counted(Instant.EPOCH, Map.of()));

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.counter(RECEIVED_METADATA);
        registry.counter(DUPLICATES_METADATA);
        registry.counter(RECONCILE_OPENED_METADATA);
        registry.counter(RECONCILE_RESOLVED_METADATA);
        for (String outcome : new String[] {"success", "failure"}) {
            registry.counter(RUNS_METADATA, new Tag("outcome", outcome));
        }
        for (IncidentChanged.Change change : IncidentChanged.Change.values()) {
            registry.counter(CHANGES_METADATA, new Tag("type", change.wireName()));
        }
        listPagesKept = registry.counter(LIST_PAGES_METADATA, new Tag("answer", "kept"));
        listPagesRead = registry.counter(LIST_PAGES_METADATA, new Tag("answer", "read"));
        for (IncidentStatus status : IncidentStatus.values()) {
            registry.gauge(Metadata.builder().withName(BY_STATUS).withDescription("Incidents in the database, by status").build(),
                    () -> count(status), new Tag("status", status.wireName()));
        }
    }

    private long count(IncidentStatus status) {
        Counted last = counts.get();
        Instant now = Instant.now();
        if (last.at().plus(COUNTS_FRESH_FOR).isBefore(now)) {
            try {
                last = new Counted(now, store.countByStatus());
                counts.set(last);
            } catch (RuntimeException databaseAway) {
                // keep the last counts; readiness reports the database
            }
        }
        return last.byStatus().getOrDefault(status, 0L);
    }

    private record Counted(Instant at, Map<IncidentStatus, Long> byStatus) {
    }

    public void webhookAlertsReceived(int received, int duplicates) {
        registry.counter(RECEIVED_METADATA).inc(received);
        registry.counter(DUPLICATES_METADATA).inc(duplicates);
    }

    void listPage(boolean kept) {
        (kept ? listPagesKept : listPagesRead).inc();
    }

    void changePublished(IncidentChanged change) {
        registry.counter(CHANGES_METADATA, new Tag("type", change.type().wireName())).inc();
    }

    void reconciled(ReconcileRun run) {
        registry.counter(RUNS_METADATA, new Tag("outcome", run.succeeded() ? "success" : "failure")).inc();
        registry.counter(RECONCILE_OPENED_METADATA).inc(run.opened());
        registry.counter(RECONCILE_RESOLVED_METADATA).inc(run.resolved());
    }
}
