package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.AlertView;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.NewIncident;
import dev.servicemetrics.incidents.entity.TimelineEntry;
import dev.servicemetrics.incidents.entity.TimelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and changes incidents, one transaction per call. Every change fires an {@link IncidentChanged}
 * (delivered to observers once committed, see {@link IncidentChangeRelay}); callers get views, never
 * managed entities.
 */
@ApplicationScoped
public class IncidentStore {

    @PersistenceContext(unitName = "service-metrics")
    EntityManager em;

    @Inject
    Event<IncidentChanged> changes;

    @Transactional
    public Optional<IncidentView> view(long id) {
        return Optional.ofNullable(em.find(Incident.class, id)).map(IncidentView::of);
    }

    @Transactional
    public Optional<List<TimelineEntry>> timeline(long id) {
        if (em.find(Incident.class, id) == null) {
            return Optional.empty();
        }
        return Optional.of(em.createQuery(
                        "SELECT e FROM TimelineEvent e WHERE e.incident.id = :id ORDER BY e.occurredAt, e.id", TimelineEvent.class)
                .setParameter("id", id)
                .getResultStream()
                .map(TimelineEntry::of)
                .toList());
    }

    @Transactional
    public IncidentView report(NewIncident report, String by) {
        Incident incident = Incident.reported(report, by, Instant.now());
        em.persist(incident);
        em.flush();
        IncidentView view = IncidentView.of(incident);
        changes.fire(IncidentChanged.created(view));
        return view;
    }

    @Transactional
    public Optional<IncidentView> acknowledge(long id, String by, Optional<String> note) {
        return change(id, incident -> incident.acknowledge(by, Instant.now(), note));
    }

    @Transactional
    public Optional<IncidentView> resolve(long id, String by, Optional<String> note) {
        Instant now = Instant.now();
        return change(id, incident -> incident.resolve(by, now, now, note));
    }

    @Transactional
    public Optional<TimelineEntry> addNote(long id, String by, String text) {
        Incident incident = em.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            return Optional.empty();
        }
        TimelineEvent note = incident.addNote(by, Instant.now(), text);
        em.flush();
        changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
        return Optional.of(TimelineEntry.of(note));
    }

    private Optional<IncidentView> change(long id, Consumer<Incident> change) {
        Incident incident = em.find(Incident.class, id);
        if (incident == null) {
            return Optional.empty();
        }
        change.accept(incident);
        flushOrConflict(id);
        IncidentView view = IncidentView.of(incident);
        changes.fire(IncidentChanged.updated(view));
        return Optional.of(view);
    }

    /** Flushing here turns a lost race into a conflict now, instead of a failed commit later. */
    private void flushOrConflict(long id) {
        try {
            em.flush();
        } catch (OptimisticLockException raced) {
            throw new IncidentConflict("Incident " + id + " was changed concurrently by someone else; reload it and retry");
        }
    }

    /**
     * A page of an incident's alerts in the order they were recorded, those after alert {@code afterId};
     * empty when there is no such incident.
     */
    @Transactional
    public Optional<List<AlertView>> alerts(long id, Optional<Boolean> firing, long afterId, int limit) {
        if (em.find(Incident.class, id) == null) {
            return Optional.empty();
        }
        return Optional.of(new AlertPages(em.unwrap(Connection.class)).page(id, firing, afterId, limit));
    }

    @Transactional
    public Map<IncidentStatus, Long> countByStatus() {
        Map<IncidentStatus, Long> counts = new EnumMap<>(IncidentStatus.class);
        for (IncidentStatus status : IncidentStatus.values()) {
            counts.put(status, 0L);
        }
        em.createQuery("SELECT i.status, COUNT(i) FROM Incident i GROUP BY i.status", Object[].class)
                .getResultStream()
                .forEach(row -> counts.put((IncidentStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
