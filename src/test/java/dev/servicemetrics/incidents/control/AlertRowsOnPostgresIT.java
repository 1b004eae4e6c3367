package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.database.V2_1__AlertsOfV1Incidents;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertKey;
import dev.servicemetrics.testsupport.Postgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The look-up of a notification's alerts on a real PostgreSQL, outside the container: it finds exactly the
 * recorded keys, and it never scans incident_alert whole, even once the table has been analysed small (a
 * sequential scan is then the planner's cheaper choice, and a plan cached with it would scan the table a hundred
 * times a notification as a storm grows it).
 */
class AlertRowsOnPostgresIT {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static Postgres postgres;

    @BeforeAll
    static void migrate() {
        postgres = Postgres.start();
        Flyway.configure().dataSource(postgres.jdbcUrl(), postgres.user(), "").locations("classpath:db/migration")
                .javaMigrations(new V2_1__AlertsOfV1Incidents()).load().migrate();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void findsTheRecordedKeysByTheIndexEvenOnATableAnalysedSmall() throws SQLException {
        try (Connection connection = postgres.connect()) {
            connection.setAutoCommit(false);
            try (Statement sql = connection.createStatement()) {
                sql.executeUpdate("INSERT INTO incident (id, title, severity, status, source, starts_at, created_at, updated_at, version)"
                        + " VALUES (1, 'Storm', 'WARNING', 'OPEN', 'ALERTMANAGER', now(), now(), now(), 1)");
            }
            List<Alert> recorded = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                recorded.add(alert("fp-" + i, T0.plusSeconds(i)));
            }
            recorded.add(alert("fp-0", T0.plusSeconds(3600)));
            new AlertRows(connection).insert(1, recorded, T0);
            connection.commit();
            try (Statement sql = connection.createStatement()) {
                sql.execute("ANALYZE incident_alert");
            }
            connection.commit();

            List<AlertKey> asked = new ArrayList<>(recorded.stream().map(Alert::key).toList());
            asked.add(new AlertKey("fp-0", T0.plusSeconds(7200)));
            asked.add(new AlertKey("fp-never", T0));
            for (int call = 1; call <= 8; call++) { // past the driver's fifth use, when plans start being cached
                Map<AlertKey, AlertRows.Known> known = new AlertRows(connection).find(asked);
                assertEquals(61, known.size(), "every recorded key, no other: call " + call);
                assertEquals(recorded.stream().map(Alert::key).collect(java.util.stream.Collectors.toSet()), known.keySet());
                assertEquals(0, sequentialScans(connection), "call " + call + " scanned incident_alert whole");
                connection.commit();
            }
        }
    }

    private static long sequentialScans(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'incident_alert'")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static Alert alert(String fingerprint, Instant startsAt) {
        return new Alert(fingerprint, startsAt, Optional.empty(), true, Map.of("alertname", "Storm", "instance", fingerprint),
                Map.of("summary", "down"), Optional.empty());
    }
}
