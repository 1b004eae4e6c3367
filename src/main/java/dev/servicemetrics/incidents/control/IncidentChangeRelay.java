package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.IncidentChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Passes incident changes on to asynchronous observers (the live channel) only once their
 * transaction committed: a duplicate alert whose insert was rolled back must never reach a dashboard
 * as "created". {@code fireAsync} notifies only {@code @ObservesAsync} observers, so this relay does
 * not see its own events again.
 */
@ApplicationScoped
public class IncidentChangeRelay {

    @Inject
    Event<IncidentChanged> changes;

    @Inject
    IncidentMetrics metrics;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        changes.fireAsync(change);
        metrics.changePublished(change);
    }
}
