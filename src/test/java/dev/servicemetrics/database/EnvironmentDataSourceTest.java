package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The WildFly datasource class picks the driver from DATABASE_URL as the Payara definition does. */
class EnvironmentDataSourceTest {

    @AfterEach
    void clear() {
        System.clearProperty("DATABASE_URL");
        System.clearProperty("DATABASE_USER");
        System.clearProperty("DATABASE_PASSWORD");
    }

    @Test
    void postgresqlUrlSelectsThePostgresqlDriverWithTheGivenCredentials() throws Exception {
        System.setProperty("DATABASE_URL", "jdbc:postgresql://db.example:5432/servicemetrics");
        System.setProperty("DATABASE_USER", "servicemetrics");
        System.setProperty("DATABASE_PASSWORD", "secret");
        EnvironmentDataSource dataSource = new EnvironmentDataSource();
        assertTrue(dataSource.isWrapperFor(PGSimpleDataSource.class));
        PGSimpleDataSource postgres = dataSource.unwrap(PGSimpleDataSource.class);
        assertEquals("db.example", postgres.getServerNames()[0]);
        assertEquals(5432, postgres.getPortNumbers()[0]);
        assertEquals("servicemetrics", postgres.getDatabaseName());
        assertEquals("servicemetrics", postgres.getUser());
        assertEquals("secret", postgres.getPassword());
        assertFalse(dataSource.toString().contains("secret"), dataSource.toString());
    }

    @Test
    void noUrlOrABadOneMeansTheEmbeddedDatabase() throws Exception {
        Assumptions.assumeTrue(System.getenv("DATABASE_URL") == null, "DATABASE_URL is set in this environment");
        assertEquals(DatabaseSettings.EMBEDDED_URL, new EnvironmentDataSource().unwrap(JdbcDataSource.class).getURL());
        System.setProperty("DATABASE_URL", "mysql://nope");
        assertEquals(DatabaseSettings.EMBEDDED_URL, new EnvironmentDataSource().unwrap(JdbcDataSource.class).getURL());
    }
}
