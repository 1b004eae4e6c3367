package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    @Test
    void unsetUrlMeansEmbeddedH2UnderData() {
        DatabaseSettings settings = DatabaseSettings.of(null, null, null);
        assertTrue(settings.embedded());
        assertTrue(settings.url().startsWith("jdbc:h2:file:./data/"));
        assertTrue(settings.url().contains("MODE=PostgreSQL"));
        assertEquals("org.h2.jdbcx.JdbcDataSource", settings.driverClass());
    }

    @Test
    void driverFollowsAPostgresqlUrl() {
        DatabaseSettings settings = DatabaseSettings.of("jdbc:postgresql://db:5432/metrics", "app", "secret");
        assertFalse(settings.embedded());
        assertEquals("org.postgresql.ds.PGSimpleDataSource", settings.driverClass());
        assertEquals("app", settings.user());
    }

    @Test
    void postgresqlBatchesOfInsertsGoAsMultiRowStatements() {
        assertEquals("jdbc:postgresql://db:5432/metrics?reWriteBatchedInserts=true",
                DatabaseSettings.of("jdbc:postgresql://db:5432/metrics", "app", "secret").url());
        assertEquals("jdbc:postgresql://db/metrics?sslmode=require&reWriteBatchedInserts=true",
                DatabaseSettings.of(" jdbc:postgresql://db/metrics?sslmode=require ", "app", "secret").url());
    }

    @Test
    void anOperatorsOwnBatchSettingIsKept() {
        assertEquals("jdbc:postgresql://db/metrics?reWriteBatchedInserts=false",
                DatabaseSettings.of("jdbc:postgresql://db/metrics?reWriteBatchedInserts=false", "app", "secret").url());
    }

    @Test
    void passwordNeverAppearsInItsDescription() {
        assertFalse(DatabaseSettings.of("jdbc:postgresql://db/metrics", "app", "s3cret").toString().contains("s3cret"));
    }

    @Test
    void otherUrlsNameTheVariable() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> DatabaseSettings.of("mysql://db/metrics", null, null));
        assertTrue(e.getMessage().startsWith("DATABASE_URL="));
    }
}
