package dev.servicemetrics.incidents.control;

import dev.servicemetrics.CauseChain;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.incidents.entity.AlertState;
import dev.servicemetrics.incidents.entity.AlertTally;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what Alertmanager says about one group into incidents, for the webhook and for reconciliation
 * alike, in one transaction per notification. The group's row is locked while its alerts attach, so
 * concurrent deliveries of one group (threads, replicas) make one incident; an alert is recorded once
 * by its key (fingerprint + start), so re-deliveries change nothing.
 */
@ApplicationScoped
public class AlertIntake {

    private static final int NAMED_ALERTS = 5;
    /** SQLSTATE of a unique-key violation, on PostgreSQL and on H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "service-metrics")
    EntityManager em;

    @Inject
    Event<IncidentChanged> changes;

    /** How the alerts of one notification were taken, and which incidents they went to. */
    public record Outcome(int received, int opened, int resolved, int duplicate, int unchanged, Set<Long> incidents) {
    }

    @Transactional
    public Outcome receive(Notification notification, String by, String how) {
        Instant now = Instant.now();
        Map<AlertKey, Alert> alerts = new LinkedHashMap<>();
        notification.alerts().forEach(alert -> alerts.merge(alert.key(), alert, (first, later) -> later));
        AlertRows rows = new AlertRows(em.unwrap(Connection.class));
        Map<AlertKey, AlertRows.Known> known = rows.find(alerts.keySet());
        if (!needsChange(alerts, known)) {
            int duplicates = (int) alerts.values().stream().filter(Alert::firing).count();
            return new Outcome(notification.alerts().size(), 0, 0, duplicates, alerts.size() - duplicates, Set.of());
        }
        AlertRows.LockedGroup group = rows.lockGroup(notification.group(), now);
        long groupId = group.id();
        if (!group.created()) {
            // another delivery of this group may have recorded some of them while this one waited for the lock
            known = rows.find(alerts.keySet());
        }

        Map<Long, Instant> ending = new HashMap<>();
        Set<Long> touched = new LinkedHashSet<>();
        List<Alert> fresh = new ArrayList<>();
        int duplicate = 0;
        int unchanged = 0;
        for (Alert alert : alerts.values()) {
            AlertRows.Known recorded = known.get(alert.key());
            if (recorded == null) {
                fresh.add(alert);
            } else if (alert.firing()) {
                duplicate++;
            } else if (recorded.firing()) {
                ending.put(recorded.id(), alert.endedAt(now));
                touched.add(recorded.incidentId());
            } else {
                unchanged++;
            }
        }
        int resolved = rows.resolve(ending, now);

        Optional<Long> opened = Optional.empty();
        if (!fresh.isEmpty()) {
            // a group this transaction created has no episodes yet
            Optional<Long> current = group.created() ? Optional.empty() : rows.currentEpisode(groupId);
            if (current.isPresent()) {
                long incidentId = current.get();
                em.find(Incident.class, incidentId).alertsJoined(fresh.size(), by, how, now, describe(fresh));
                rows.insert(incidentId, fresh, now);
                touched.add(incidentId);
            } else {
                opened = Optional.of(open(rows, notification, group, fresh, by, how, now));
            }
        }

        for (long incidentId : touched) {
            Incident incident = em.find(Incident.class, incidentId);
            incident.tally(rows.tally(incidentId), by, now);
            if (incident.groupId().filter(id -> id == groupId).isPresent()) {
                incident.describedBy(notification, now);
            }
            em.flush();
            changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
        }
        Set<Long> incidents = new LinkedHashSet<>(touched);
        opened.ifPresent(incidents::add);
        return new Outcome(notification.alerts().size(), fresh.size(), resolved, duplicate, unchanged, incidents);
    }

    /**
     * A new episode of the group, with its alerts: counted as they are recorded, so the incident is written
     * once, complete, and linked to the group's previous episode if there is one.
     */
    private long open(AlertRows rows, Notification notification, AlertRows.LockedGroup group, List<Alert> fresh, String by,
                      String how, Instant now) {
        Optional<Incident> previous = group.created() ? Optional.empty()
                : rows.latestEpisode(group.id()).map(id -> em.find(Incident.class, id));
        Instant firstStart = fresh.stream().map(Alert::startsAt).min(Comparator.naturalOrder()).orElse(now);
        Incident incident = Incident.fromGroup(notification, group.id(), firstStart, fresh.size(), previous, by, how, now);
        incident.tally(AlertTally.ofNew(fresh, now), by, now);
        em.persist(incident);
        em.flush();
        rows.insert(incident.id(), fresh, now);
        changes.fire(IncidentChanged.created(IncidentView.of(incident)));
        return incident.id();
    }

    /** A recorded alert still firing, as reconciliation checks it against what Alertmanager holds. */
    public record FiringAlert(long id, long incidentId, AlertKey key, boolean silenced) {
    }

    /** Alerts recorded as firing that were first seen before {@code before}. */
    @Transactional
    public List<FiringAlert> firingSeenBefore(Instant before) {
        return new AlertRows(em.unwrap(Connection.class)).firingSeenBefore(before);
    }

    /**
     * Alertmanager no longer holds these alerts of one incident: they resolve now, and the incident with
     * them when none of its alerts fires any more.
     */
    @Transactional
    public int resolveGone(long incidentId, List<FiringAlert> alerts, String by) {
        Instant now = Instant.now();
        AlertRows rows = new AlertRows(em.unwrap(Connection.class));
        Map<Long, Instant> ending = new HashMap<>();
        alerts.forEach(alert -> ending.put(alert.id(), now));
        int resolved = rows.resolve(ending, now);
        if (resolved > 0) {
            Incident incident = em.find(Incident.class, incidentId);
            boolean silenced = alerts.stream().anyMatch(FiringAlert::silenced);
            incident.tally(rows.tally(incidentId), by, now, "; Alertmanager no longer holds "
                    + (alerts.size() == 1 ? "it" : "them") + (silenced ? " — silenced alerts end without a resolved notification" : ""));
            em.flush();
            changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
        }
        return resolved;
    }

    /**
     * Each recorded alert's state as Alertmanager reports it (active, silenced, inhibited); the incidents
     * whose counts of silenced or inhibited alerts change are updated. Answers how many alerts changed state.
     */
    @Transactional
    public int recordStates(Map<AlertKey, AlertState> states, String by) {
        Instant now = Instant.now();
        AlertRows rows = new AlertRows(em.unwrap(Connection.class));
        Map<Long, AlertState> changed = new HashMap<>();
        Set<Long> touched = new LinkedHashSet<>();
        rows.find(states.keySet()).forEach((key, recorded) -> {
            AlertState state = states.get(key);
            if (!state.equals(recorded.state())) {
                changed.put(recorded.id(), state);
                touched.add(recorded.incidentId());
            }
        });
        rows.states(changed);
        for (long incidentId : touched) {
            Incident incident = em.find(Incident.class, incidentId);
            long version = incident.version();
            incident.tally(rows.tally(incidentId), by, now);
            em.flush();
            if (incident.version() != version) {
                changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
            }
        }
        return changed.size();
    }

    /**
     * True when {@code failure} is the database refusing a second row for a unique key: another
     * transaction recorded the same alert first (in another group, or before this one's look-up).
     * Running the notification again then finds it recorded.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        return CauseChain.of(failure).stream()
                .anyMatch(cause -> cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState()));
    }

    /** Nothing to write when every alert is recorded and none of the recorded firing ones has ended. */
    private static boolean needsChange(Map<AlertKey, Alert> alerts, Map<AlertKey, AlertRows.Known> known) {
        return alerts.values().stream().anyMatch(alert -> {
            AlertRows.Known recorded = known.get(alert.key());
            return recorded == null || (!alert.firing() && recorded.firing());
        });
    }

    /** The first few alerts by the labels that tell them apart, for the timeline. */
    private static String describe(List<Alert> alerts) {
        Map<String, String> shared = alerts.size() == 1 ? Map.of("alertname", "")
                : Notification.common(alerts.stream().map(Alert::labels).toList());
        String named = alerts.stream().limit(NAMED_ALERTS).map(alert -> alert.labels().entrySet().stream()
                        .filter(label -> !shared.containsKey(label.getKey()))
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .sorted().collect(Collectors.joining(", ", "{", "}")))
                .collect(Collectors.joining(" "));
        return alerts.size() > NAMED_ALERTS ? named + " and " + (alerts.size() - NAMED_ALERTS) + " more" : named;
    }
}
