package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The migrations on the embedded H2 (the service's own URL settings, in memory), as the service applies them at start. */
class MigrationsTest {

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(Migrations.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aStartWithNothingToMigrateNamesTheVersionTheSchemaIsAt() {
        Migrations migrations = new Migrations();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(DatabaseSettings.EMBEDDED_URL.replace("file:./data/service-metrics", "mem:migrations-test") + ";DB_CLOSE_DELAY=-1");
        migrations.dataSource = h2;

        migrations.migrateAtStart();
        assertTrue(migrations.applied());
        String first = logged.get(logged.size() - 1);
        assertTrue(first.matches("Database schema at version \\d+(\\.\\d+)? \\(\\d+ migration\\(s\\) applied now\\)"), first);

        migrations.migrateAtStart();
        String version = first.split(" ")[4];
        assertEquals("Database schema at version " + version + " (0 migration(s) applied now)", logged.get(logged.size() - 1),
                "a restart names the version the schema is at, not null");
    }
}
