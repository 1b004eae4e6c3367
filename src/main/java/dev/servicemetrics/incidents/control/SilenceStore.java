package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.IncidentChanged;
import dev.servicemetrics.incidents.entity.IncidentConflict;
import dev.servicemetrics.incidents.entity.IncidentSource;
import dev.servicemetrics.incidents.entity.IncidentView;
import dev.servicemetrics.incidents.entity.LabelsJson;
import dev.servicemetrics.incidents.entity.SilenceView;
import dev.servicemetrics.incidents.entity.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The silences the service made, as rows of their incident, and what an incident's silence matches.
 * Only silences Alertmanager created are ever recorded: {@link IncidentSilences} asks it first.
 */
@ApplicationScoped
public class SilenceStore {

    @PersistenceContext(unitName = "service-metrics")
    EntityManager em;

    @Inject
    Event<IncidentChanged> changes;

    /** What a silence of the incident (or of one of its alerts) matches, and how the timeline names it. */
    public record Target(Map<String, String> labels, String what) {
    }

    /** Empty when there is no such incident; a conflict when there is nothing of it to silence. */
    @Transactional
    public Optional<Target> target(long incidentId, Optional<String> fingerprint) {
        Incident incident = em.find(Incident.class, incidentId);
        if (incident == null) {
            return Optional.empty();
        }
        if (incident.source() == IncidentSource.MANUAL) {
            throw new IncidentConflict("Incident " + incidentId + " was reported by a person: it has no alerts to silence");
        }
        if (fingerprint.isPresent()) {
            return Optional.of(new Target(alertLabels(incidentId, fingerprint.get()), "alert " + fingerprint.get()));
        }
        Map<String, String> group = incident.groupLabels();
        if (!group.isEmpty()) {
            return Optional.of(new Target(group, "the group " + LabelsJson.write(group)));
        }
        if (!incident.labels().isEmpty()) {
            return Optional.of(new Target(Map.copyOf(incident.labels()), "the alerts' common labels " + LabelsJson.write(incident.labels())));
        }
        throw new IncidentConflict("Incident " + incidentId + " has neither group labels nor common labels to match; silence one alert"
                + " with \"alert\": <fingerprint>");
    }

    private Map<String, String> alertLabels(long incidentId, String fingerprint) {
        try (PreparedStatement select = connection().prepareStatement(
                "SELECT labels FROM incident_alert WHERE incident_id = ? AND fingerprint = ? ORDER BY id DESC")) {
            select.setLong(1, incidentId);
            select.setString(2, fingerprint);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return LabelsJson.read(row.getString(1));
                }
            }
        } catch (SQLException failed) {
            throw new PersistenceException("Could not read alert " + fingerprint + ": " + failed.getMessage(), failed);
        }
        throw new IncidentConflict("Incident " + incidentId + " has no alert with fingerprint " + fingerprint);
    }

    @Transactional
    public SilenceView record(long incidentId, String silenceId, String matchers, String by, String comment,
                             Instant startsAt, Instant endsAt, String what) {
        try (PreparedStatement insert = connection().prepareStatement("INSERT INTO incident_silence (id, incident_id, silence_id,"
                + " matchers, created_by, comment, starts_at, ends_at) VALUES (nextval('incident_silence_seq'), ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, incidentId);
            insert.setString(2, silenceId);
            insert.setString(3, matchers);
            insert.setString(4, Text.cut(by, 200));
            insert.setString(5, comment);
            insert.setTimestamp(6, Timestamp.from(startsAt));
            insert.setTimestamp(7, Timestamp.from(endsAt));
            insert.executeUpdate();
        } catch (SQLException failed) {
            throw new PersistenceException("Could not record silence " + silenceId + ": " + failed.getMessage(), failed);
        }
        Incident incident = em.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        incident.silenced(by, Instant.now(), endsAt, silenceId, what, comment);
        em.flush();
        changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
        return new SilenceView(incidentId, silenceId, matchers, by, comment, startsAt, endsAt, Optional.empty(), Optional.empty());
    }

    /** Every silence made for the incident, newest first; empty when there is no such incident. */
    @Transactional
    public Optional<List<SilenceView>> all(long incidentId) {
        if (em.find(Incident.class, incidentId) == null) {
            return Optional.empty();
        }
        List<SilenceView> silences = new ArrayList<>();
        try (PreparedStatement select = connection().prepareStatement("SELECT silence_id, matchers, created_by, comment, starts_at,"
                + " ends_at, expired_at, expired_by FROM incident_silence WHERE incident_id = ? ORDER BY id DESC")) {
            select.setLong(1, incidentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp expired = rows.getTimestamp(7);
                    silences.add(new SilenceView(incidentId, rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getTimestamp(5).toInstant(), rows.getTimestamp(6).toInstant(),
                            Optional.ofNullable(expired).map(Timestamp::toInstant), Optional.ofNullable(rows.getString(8))));
                }
            }
        } catch (SQLException failed) {
            throw new PersistenceException("Could not read the silences of incident " + incidentId + ": " + failed.getMessage(), failed);
        }
        return Optional.of(silences);
    }

    /** Marks silences expired (Alertmanager expired them already) and says so in the timeline. */
    @Transactional
    public void expired(long incidentId, List<String> silenceIds, String by) {
        if (silenceIds.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        try (PreparedStatement update = connection().prepareStatement("UPDATE incident_silence SET expired_at = ?, expired_by = ?"
                + " WHERE silence_id = ? AND expired_at IS NULL")) {
            for (String silenceId : silenceIds) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, Text.cut(by, 200));
                update.setString(3, silenceId);
                update.addBatch();
            }
            update.executeBatch();
        } catch (SQLException failed) {
            throw new PersistenceException("Could not record the expiry of silences " + silenceIds + ": " + failed.getMessage(), failed);
        }
        Incident incident = em.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        incident.unsilenced(by, now, silenceIds);
        em.flush();
        changes.fire(IncidentChanged.updated(IncidentView.of(incident)));
    }

    private Connection connection() {
        return em.unwrap(Connection.class);
    }
}
