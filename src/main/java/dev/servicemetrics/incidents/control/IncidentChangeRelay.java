package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.live.IncidentChange;
import dev.servicemetrics.replicas.ChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Passes incident changes on to the live channel ({@link IncidentChange}, asynchronously) only once
 * their transaction committed: a duplicate alert whose insert was rolled back must never reach a
 * dashboard as "created". On PostgreSQL the change goes through {@link ChangeFeed} instead, which brings it to
 * the dashboards of every replica, this one included.
 */
@ApplicationScoped
public class IncidentChangeRelay {

    @Inject
    Event<IncidentChange> live;

    @Inject
    IncidentMetrics metrics;

    @Inject
    ChangeFeed feed;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) {
        if (!feed.publish(change)) {
            live.fire(new IncidentChange(change.type().wireName(), change.incident().toJson()));
        }
        metrics.changePublished(change);
    }
}
