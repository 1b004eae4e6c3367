package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.replicas.SessionConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Part of the in-container tests' deployment: records every incident change delivered after its transaction
 * succeeded, with the version another database session sees at that moment (the change is committed when
 * that session sees it).
 */
@ApplicationScoped
public class CommittedChanges {

    /** A change as observed, and the incident's version as a connection outside its transaction read it then. */
    public record Observed(IncidentChanged change, long versionSeenOutside) {
    }

    private final List<Observed> observed = new CopyOnWriteArrayList<>();

    @Inject
    SessionConnections connections;

    void afterSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentChanged change) throws SQLException {
        observed.add(new Observed(change, versionOutside(change.incident().id())));
    }

    public List<Observed> of(long incidentId) {
        return observed.stream().filter(seen -> seen.change().incident().id() == incidentId).toList();
    }

    private long versionOutside(long incidentId) throws SQLException {
        try (Connection outside = connections.open("test observer");
             PreparedStatement select = outside.prepareStatement("SELECT version FROM incident WHERE id = ?")) {
            select.setLong(1, incidentId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : -1;
            }
        }
    }
}
