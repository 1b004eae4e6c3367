package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.AlertState;
import dev.servicemetrics.incidents.entity.AlertView;
import dev.servicemetrics.incidents.entity.LabelsJson;
import dev.servicemetrics.incidents.entity.Severity;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads an incident's alerts a page at a time, continuing after the last alert's id (keyset). */
final class AlertPages {

    private final Connection connection;

    AlertPages(Connection connection) {
        this.connection = connection;
    }

    List<AlertView> page(long incidentId, Optional<Boolean> firing, long afterId, int limit) {
        String status = firing.map(f -> " AND status = '" + (f ? "FIRING" : "RESOLVED") + "'").orElse("");
        List<AlertView> alerts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, fingerprint, status, severity, starts_at, ends_at,"
                + " labels, annotations, generator_url, first_seen_at, last_seen_at, am_state, silenced_by, inhibited_by FROM incident_alert"
                + " WHERE incident_id = ? AND id > ?" + status + " ORDER BY id")) {
            select.setLong(1, incidentId);
            select.setLong(2, afterId);
            select.setMaxRows(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp end = rows.getTimestamp(6);
                    alerts.add(new AlertView(rows.getLong(1), incidentId, rows.getString(2), "FIRING".equals(rows.getString(3)),
                            Severity.valueOf(rows.getString(4)), rows.getTimestamp(5).toInstant(),
                            Optional.ofNullable(end).map(Timestamp::toInstant), LabelsJson.read(rows.getString(7)),
                            LabelsJson.read(rows.getString(8)), Optional.ofNullable(rows.getString(9)),
                            rows.getTimestamp(10).toInstant(), rows.getTimestamp(11).toInstant(),
                            new AlertState(rows.getString(12), AlertState.list(rows.getString(13)), AlertState.list(rows.getString(14)))));
                }
            }
        } catch (SQLException failed) {
            throw new PersistenceException("Could not read the alerts of incident " + incidentId + ": " + failed.getMessage(), failed);
        }
        return alerts;
    }
}
