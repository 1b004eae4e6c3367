package dev.servicemetrics.database;

import dev.servicemetrics.incidents.entity.LabelsJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * V1 kept one alert per incident in the incident row itself; from V2 on an incident holds its alerts.
 * Every V1 incident from Alertmanager becomes an incident with that one alert: same id, timeline,
 * acknowledgement and resolution; the alert firing while the incident is unresolved, resolved (at the
 * incident's resolution) otherwise. It belongs to no group: a later notification of the same alert
 * (same fingerprint and start) still finds it by its key. Java because the alert's labels and
 * annotations become JSON objects, which portable SQL cannot write.
 */
public class V2_1__AlertsOfV1Incidents extends BaseJavaMigration {

    private static final int BATCH = 500;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Map<Long, Map<String, String>> labels = pairs(connection, "incident_label", "label");
        Map<Long, Map<String, String>> annotations = pairs(connection, "incident_annotation", "annotation");
        try (Statement select = connection.createStatement();
             ResultSet incidents = select.executeQuery("SELECT id, fingerprint, starts_at, status, severity, generator_url,"
                     + " resolved_at, created_at, updated_at FROM incident WHERE source = 'ALERTMANAGER' ORDER BY id");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO incident_alert (id, incident_id, fingerprint,"
                     + " starts_at, ends_at, status, severity, labels, annotations, generator_url, first_seen_at, last_seen_at)"
                     + " VALUES (nextval('incident_alert_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            while (incidents.next()) {
                long id = incidents.getLong("id");
                boolean resolved = "RESOLVED".equals(incidents.getString("status"));
                insert.setLong(1, id);
                insert.setString(2, incidents.getString("fingerprint"));
                insert.setTimestamp(3, incidents.getTimestamp("starts_at"));
                insert.setTimestamp(4, resolved ? incidents.getTimestamp("resolved_at") : null);
                insert.setString(5, resolved ? "RESOLVED" : "FIRING");
                insert.setString(6, incidents.getString("severity"));
                insert.setString(7, LabelsJson.write(labels.getOrDefault(id, Map.of())));
                insert.setString(8, LabelsJson.write(annotations.getOrDefault(id, Map.of())));
                insert.setString(9, incidents.getString("generator_url"));
                insert.setTimestamp(10, incidents.getTimestamp("created_at"));
                insert.setTimestamp(11, incidents.getTimestamp("updated_at"));
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        try (Statement update = connection.createStatement()) {
            update.executeUpdate("UPDATE incident SET alerts_total = 1,"
                    + " alerts_firing = CASE WHEN status = 'RESOLVED' THEN 0 ELSE 1 END WHERE source = 'ALERTMANAGER'");
            update.executeUpdate("INSERT INTO incident_alert_label (incident_id, label_name, label_value)"
                    + " SELECT l.incident_id, l.label_name, l.label_value FROM incident_label l"
                    + " JOIN incident i ON i.id = l.incident_id WHERE i.source = 'ALERTMANAGER'");
        }
    }

    private static Map<Long, Map<String, String>> pairs(Connection connection, String table, String prefix) throws SQLException {
        Map<Long, Map<String, String>> byIncident = new HashMap<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT incident_id, " + prefix + "_name, " + prefix + "_value FROM " + table)) {
            while (rows.next()) {
                byIncident.computeIfAbsent(rows.getLong(1), id -> new HashMap<>()).put(rows.getString(2), rows.getString(3));
            }
        }
        return byIncident;
    }
}
