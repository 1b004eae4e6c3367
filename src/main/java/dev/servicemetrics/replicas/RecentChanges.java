package dev.servicemetrics.replicas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** The incidents changed since a moment, oldest change first (the index on incident(updated_at, id) serves it). */
final class RecentChanges {

    private static final Logger LOG = Logger.getLogger(RecentChanges.class.getName());
    private static final int LIMIT = 10_000;

    record Changed(long id, long version, Instant createdAt) {
    }

    private RecentChanges() {
    }

    static List<Changed> since(Connection connection, Instant since) throws SQLException {
        List<Changed> found = new ArrayList<>();
        try (PreparedStatement changed = connection.prepareStatement("SELECT id, version, created_at FROM incident"
                + " WHERE updated_at > ? ORDER BY updated_at, id LIMIT " + LIMIT)) {
            changed.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            try (ResultSet rows = changed.executeQuery()) {
                while (rows.next()) {
                    found.add(new Changed(rows.getLong(1), rows.getLong(2), rows.getObject(3, OffsetDateTime.class).toInstant()));
                }
            }
        }
        if (found.size() == LIMIT) {
            LOG.warning("More than " + LIMIT + " incidents changed while the database was away; dashboards get the first "
                    + LIMIT + " live and see the others when they reload");
        }
        return found;
    }
}
