package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentStatus;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.NewIncident;
import dev.servicemetrics.incidents.entity.TimelineEntry;
import dev.servicemetrics.incidents.entity.TimelineEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
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
        Incident incident = em.find(Incident.class, id);
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

    @Transactional
    public Optional<Long> findByAlert(AlertKey key) {
        return em.createNativeQuery("SELECT id FROM incident WHERE fingerprint = ?1 AND starts_at = ?2")
                .setParameter(1, key.fingerprint())
                .setParameter(2, Timestamp.from(key.startsAt()))
                .getResultStream()
                .findFirst()
                .map(id -> ((Number) id).longValue());
    }

    /**
     * Opens the incident of a firing alert (already resolved when the alert is), in a transaction of its
     * own: when another thread or replica inserted the same alert first, the unique key fails this one
     * alone and the caller treats it as the duplicate it is.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public IncidentView openFromAlert(Alert alert, String by, String how) {
        Instant now = Instant.now();
        Incident incident = Incident.fromAlert(alert, previousFiring(alert), by, how, now);
        if (!alert.firing()) {
            incident.resolve(by, alert.endedAt(now), now, Optional.of("Alertmanager reported the alert resolved"));
        }
        em.persist(incident);
        em.flush();
        IncidentView view = IncidentView.of(incident);
        changes.fire(IncidentChanged.created(view));
        return view;
    }

    private Optional<Incident> previousFiring(Alert alert) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.fingerprint = :fingerprint AND i.startsAt < :startsAt"
                        + " ORDER BY i.startsAt DESC", Incident.class)
                .setParameter("fingerprint", alert.fingerprint())
                .setParameter("startsAt", alert.startsAt().atOffset(ZoneOffset.UTC))
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Resolves the incident of an alert that ended; nothing when there is none or it is resolved already. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<IncidentView> resolveAlert(AlertKey key, String by, Instant at, String message) {
        Optional<Incident> incident = findByAlert(key).map(id -> em.find(Incident.class, id));
        if (incident.isEmpty() || incident.get().isResolved()) {
            return Optional.empty();
        }
        return change(incident.get().id(), found -> found.resolve(by, at, Instant.now(), Optional.of(message)));
    }

    /** Keys of the Alertmanager incidents not yet resolved that were created before {@code before}. */
    @Transactional
    public List<AlertKey> unresolvedAlertKeys(Instant before) {
        return em.createQuery("SELECT i FROM Incident i WHERE i.source = :source AND i.status <> :resolved"
                        + " AND i.createdAt < :before", Incident.class)
                .setParameter("source", IncidentSource.ALERTMANAGER)
                .setParameter("resolved", IncidentStatus.RESOLVED)
                .setParameter("before", before.atOffset(ZoneOffset.UTC))
                .getResultStream()
                .map(Incident::alertKey)
                .toList();
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
