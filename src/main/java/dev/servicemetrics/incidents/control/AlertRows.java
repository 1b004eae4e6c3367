package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.incidents.entity.AlertState;
import dev.servicemetrics.incidents.entity.AlertTally;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.LabelsJson;
import dev.servicemetrics.incidents.entity.Severity;
import dev.servicemetrics.incidents.entity.Text;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The set-based writes of alert intake, in plain JDBC on the transaction's own connection: one look-up
 * for all fingerprints of a notification, batched inserts and updates. A storm's notification of
 * thousands of alerts is a handful of round trips, not thousands.
 */
final class AlertRows {

    /** Keys per look-up: a thousand parameters, far below every driver's limit. */
    private static final int CHUNK = 500;
    private static final int BATCH = 1000;
    /** What a look-up reads of a recorded alert, in the order {@link #find} reads it. */
    private static final String KNOWN_COLUMNS = "a.id, a.incident_id, a.fingerprint, a.starts_at, a.status, a.am_state,"
            + " a.silenced_by, a.inhibited_by";
    /** On PostgreSQL: the keys as two arrays, one probe of the unique key each. */
    private static final String BY_ARRAYS = "SELECT " + KNOWN_COLUMNS + " FROM unnest(?::varchar[], ?::timestamptz[])"
            + " AS k(fingerprint, starts_at) CROSS JOIN LATERAL (SELECT " + KNOWN_COLUMNS + " FROM incident_alert a"
            + " WHERE a.fingerprint = k.fingerprint AND a.starts_at = k.starts_at LIMIT 1) a";

    private final Connection connection;
    private Boolean postgres;
    private boolean indexOnly;

    AlertRows(Connection connection) {
        this.connection = connection;
    }

    /** An alert already recorded: its row, its incident and whether it still fires. */
    record Known(long id, long incidentId, boolean firing, AlertState state) {
    }

    /** The group's row, locked by this transaction; {@code created} when this transaction inserted it. */
    record LockedGroup(long id, boolean created) {
    }

    /** The group's row, created by whoever comes first, and locked until this transaction ends. */
    LockedGroup lockGroup(AlertGroup group, Instant now) {
        String key = group.key();
        Optional<Long> id = lockedGroup(key);
        if (id.isPresent()) {
            return new LockedGroup(id.get(), false);
        }
        boolean created;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO incident_group (id, group_key, receiver,"
                + " group_labels, created_at) VALUES (nextval('incident_group_seq'), ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, key);
            insert.setString(2, Text.cut(group.receiver(), Incident.NAME_LENGTH));
            insert.setString(3, LabelsJson.write(group.labels()));
            setTime(insert, 4, now);
            created = insert.executeUpdate() == 1;
        } catch (SQLException failed) {
            throw fault("create the group " + group.describe(), failed);
        }
        long locked = lockedGroup(key).orElseThrow(() -> new IllegalStateException("Group " + key + " was neither found nor created"));
        return new LockedGroup(locked, created);
    }

    private Optional<Long> lockedGroup(String key) {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM incident_group WHERE group_key = ? FOR UPDATE")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException failed) {
            throw fault("lock the group", failed);
        }
    }

    /**
     * The recorded alerts among {@code keys}: one query per five hundred keys, by the whole unique key,
     * so that the planner takes the unique index even before the table has statistics (a storm into a
     * fresh table otherwise scans it once per notification). On PostgreSQL the keys go as two arrays, one probe
     * of the unique index per key, instead of a thousand parameters (see {@link #planWithoutSequentialScans}).
     */
    Map<AlertKey, Known> find(Collection<AlertKey> keys) {
        Map<AlertKey, Known> known = new HashMap<>();
        List<AlertKey> all = List.copyOf(new LinkedHashSet<>(keys));
        try {
            boolean arrays = postgres();
            if (arrays) {
                planWithoutSequentialScans();
            }
            for (int from = 0; from < all.size(); from += CHUNK) {
                List<AlertKey> chunk = all.subList(from, Math.min(from + CHUNK, all.size()));
                try (PreparedStatement select = connection.prepareStatement(arrays ? BY_ARRAYS : byPairs(chunk.size()))) {
                    if (arrays) {
                        select.setArray(1, connection.createArrayOf("varchar", chunk.stream().map(AlertKey::fingerprint).toArray(String[]::new)));
                        select.setArray(2, connection.createArrayOf("varchar", chunk.stream().map(key -> key.startsAt().toString()).toArray(String[]::new)));
                    } else {
                        for (int i = 0; i < chunk.size(); i++) {
                            select.setString(2 * i + 1, chunk.get(i).fingerprint());
                            setTime(select, 2 * i + 2, chunk.get(i).startsAt());
                        }
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            AlertKey key = new AlertKey(rows.getString(3), rows.getTimestamp(4).toInstant());
                            known.put(key, new Known(rows.getLong(1), rows.getLong(2), "FIRING".equals(rows.getString(5)),
                                    new AlertState(rows.getString(6), AlertState.list(rows.getString(7)), AlertState.list(rows.getString(8)))));
                        }
                    }
                }
            }
        } catch (SQLException failed) {
            throw fault("look up alerts", failed);
        }
        return known;
    }

    private static String byPairs(int keys) {
        return "SELECT " + KNOWN_COLUMNS + " FROM incident_alert a WHERE (a.fingerprint, a.starts_at) IN ("
                + String.join(", ", Collections.nCopies(keys, "(?, ?)")) + ")";
    }

    /**
     * Once per transaction, before the look-up by arrays: a plan cached on a connection while the table was small (a
     * sequential scan is cheaper than the index for a few hundred rows) would otherwise keep scanning it whole, a
     * hundred times a notification, while a storm grows it, until autovacuum next analyses it. Planning each call
     * instead (0.25 ms) costs more than the look-up itself.
     */
    private void planWithoutSequentialScans() throws SQLException {
        if (!indexOnly) {
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL enable_seqscan = off");
            }
            indexOnly = true;
        }
    }

    /** PostgreSQL, where a statement takes arrays; H2 gets a list of pairs. */
    private boolean postgres() throws SQLException {
        if (postgres == null) {
            postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
        return postgres;
    }

    /** Records new alerts of an incident, with their labels in the incident's label index. */
    void insert(long incidentId, List<Alert> alerts, Instant now) {
        try {
            batch("INSERT INTO incident_alert (id, incident_id, fingerprint, starts_at, ends_at, status, severity, labels,"
                    + " annotations, generator_url, first_seen_at, last_seen_at)"
                    + " VALUES (nextval('incident_alert_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", alerts, (insert, alert) -> {
                insert.setLong(1, incidentId);
                insert.setString(2, alert.fingerprint());
                setTime(insert, 3, alert.startsAt());
                setTime(insert, 4, alert.recordedEnd(now).orElse(null));
                insert.setString(5, alert.firing() ? "FIRING" : "RESOLVED");
                insert.setString(6, alert.severity().name());
                insert.setString(7, LabelsJson.write(alert.labels()));
                insert.setString(8, LabelsJson.write(alert.annotations()));
                insert.setString(9, alert.generatorUrl().map(url -> Text.cut(url, Incident.URL_LENGTH)).orElse(null));
                setTime(insert, 10, now);
                setTime(insert, 11, now);
            });
        } catch (SQLException failed) {
            throw fault("record " + alerts.size() + " alert(s)", failed);
        }
        indexLabels(incidentId, alerts);
    }

    private void indexLabels(long incidentId, List<Alert> alerts) {
        Set<Map.Entry<String, String>> pairs = new LinkedHashSet<>();
        alerts.forEach(alert -> alert.labels().forEach((name, value) -> pairs.add(
                Map.entry(Text.cut(name, Incident.NAME_LENGTH), Text.cut(value, Incident.LABEL_VALUE_LENGTH)))));
        try {
            batch("INSERT INTO incident_alert_label (incident_id, label_name, label_value) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    pairs, (insert, pair) -> {
                        insert.setLong(1, incidentId);
                        insert.setString(2, pair.getKey());
                        insert.setString(3, pair.getValue());
                    });
        } catch (SQLException failed) {
            throw fault("index the labels of incident " + incidentId, failed);
        }
    }

    /** Marks alerts resolved at their own end times, in one batch; answers how many were still firing. */
    int resolve(Map<Long, Instant> endsById, Instant now) {
        try {
            return batch("UPDATE incident_alert SET status = 'RESOLVED', ends_at = ?, last_seen_at = ? WHERE id = ? AND status = 'FIRING'",
                    endsById.entrySet(), (update, alert) -> {
                        setTime(update, 1, alert.getValue());
                        setTime(update, 2, now);
                        update.setLong(3, alert.getKey());
                    });
        } catch (SQLException failed) {
            throw fault("resolve " + endsById.size() + " alert(s)", failed);
        }
    }

    /** Records each alert's state in Alertmanager, in one batch. */
    void states(Map<Long, AlertState> byId) {
        try {
            batch("UPDATE incident_alert SET am_state = ?, silenced_by = ?, inhibited_by = ? WHERE id = ?", byId.entrySet(),
                    (update, alert) -> {
                        update.setString(1, Text.cut(alert.getValue().state(), 16));
                        update.setString(2, AlertState.json(alert.getValue().silencedBy()));
                        update.setString(3, AlertState.json(alert.getValue().inhibitedBy()));
                        update.setLong(4, alert.getKey());
                    });
        } catch (SQLException failed) {
            throw fault("record the state of " + byId.size() + " alert(s)", failed);
        }
    }

    /** Binds one item's row of a batch. */
    private interface RowBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Runs {@code sql} once per item, in JDBC batches of {@link #BATCH}; answers the rows it changed. */
    private <T> int batch(String sql, Collection<T> items, RowBinder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        int changed = 0;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
                if (++pending == BATCH) {
                    changed += updated(statement.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                changed += updated(statement.executeBatch());
            }
        }
        return changed;
    }

    /** A driver may answer SUCCESS_NO_INFO (-2) for a batched row: count it as changed. */
    private static int updated(int[] counts) {
        int changed = 0;
        for (int count : counts) {
            changed += count == PreparedStatement.SUCCESS_NO_INFO ? 1 : count;
        }
        return changed;
    }

    List<AlertIntake.FiringAlert> firingSeenBefore(Instant before) {
        List<AlertIntake.FiringAlert> firing = new java.util.ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, incident_id, fingerprint, starts_at,"
                + " silenced_by FROM incident_alert WHERE status = 'FIRING' AND first_seen_at < ?")) {
            setTime(select, 1, before);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    firing.add(new AlertIntake.FiringAlert(rows.getLong(1), rows.getLong(2),
                            new AlertKey(rows.getString(3), rows.getTimestamp(4).toInstant()), !"[]".equals(rows.getString(5))));
                }
            }
        } catch (SQLException failed) {
            throw fault("list the firing alerts", failed);
        }
        return firing;
    }

    /**
     * The incident's alerts counted in one statement over its own rows ({@code incident_alert_of_incident}): a
     * separate count of the suppressed ones by status and state was planned over every firing alert of the table,
     * 3 ms a notification at 100,000 alerts and growing with them.
     */
    AlertTally tally(long incidentId) {
        int firing = 0;
        int total = 0;
        int silenced = 0;
        int inhibited = 0;
        Severity mostSevere = null;
        Instant lastEnd = null;
        try (PreparedStatement select = connection.prepareStatement("SELECT status, severity, COUNT(*), MAX(ends_at),"
                + " SUM(CASE WHEN am_state = 'suppressed' AND silenced_by <> '[]' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN am_state = 'suppressed' AND inhibited_by <> '[]' THEN 1 ELSE 0 END)"
                + " FROM incident_alert WHERE incident_id = ? GROUP BY status, severity")) {
            select.setLong(1, incidentId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    int count = rows.getInt(3);
                    total += count;
                    if ("FIRING".equals(rows.getString(1))) {
                        firing += count;
                        silenced += rows.getInt(5);
                        inhibited += rows.getInt(6);
                        Severity severity = Severity.valueOf(rows.getString(2));
                        if (mostSevere == null || severity.rank() > mostSevere.rank()) {
                            mostSevere = severity;
                        }
                    }
                    Timestamp end = rows.getTimestamp(4);
                    if (end != null && (lastEnd == null || end.toInstant().isAfter(lastEnd))) {
                        lastEnd = end.toInstant();
                    }
                }
            }
        } catch (SQLException failed) {
            throw fault("count the alerts of incident " + incidentId, failed);
        }
        return new AlertTally(firing, total, silenced, inhibited, Optional.ofNullable(mostSevere), Optional.ofNullable(lastEnd));
    }

    /** The group's unresolved incident: at most one, since episodes open and resolve under the group's lock. */
    Optional<Long> currentEpisode(long groupId) {
        return firstId("SELECT id FROM incident WHERE group_id = ? AND status <> 'RESOLVED' ORDER BY created_at DESC, id DESC", groupId);
    }

    /** The group's latest incident, to link a new episode to. */
    Optional<Long> latestEpisode(long groupId) {
        return firstId("SELECT id FROM incident WHERE group_id = ? ORDER BY created_at DESC, id DESC", groupId);
    }

    private Optional<Long> firstId(String sql, long groupId) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, groupId);
            select.setMaxRows(1);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        } catch (SQLException failed) {
            throw fault("find the incidents of group " + groupId, failed);
        }
    }

    /**
     * An instant for a TIMESTAMP WITH TIME ZONE column, as the JDBC 4.2 type of that column: PostgreSQL's driver
     * formats it directly, where a {@link Timestamp} goes through a Calendar (three per alert in a storm).
     */
    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, time.atOffset(ZoneOffset.UTC));
        }
    }

    private static PersistenceException fault(String what, SQLException cause) {
        return new PersistenceException("Could not " + what + ": " + cause.getMessage(), cause);
    }
}
