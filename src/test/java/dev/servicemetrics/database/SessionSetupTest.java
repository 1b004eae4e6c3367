package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicemetrics.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class SessionSetupTest {

    @Test
    void theProductEclipseLinkWouldHaveDetectedComesFromTheUrlsDriver() {
        assertEquals("PostgreSQL",
                SessionSetup.productOf(DatabaseSettings.of("jdbc:postgresql://db:5432/metrics", "u", "p")));
        assertEquals("H2",
                SessionSetup.productOf(DatabaseSettings.of("jdbc:h2:file:./data/service-metrics;MODE=PostgreSQL", null, null)));
        assertEquals("H2", SessionSetup.productOf(DatabaseSettings.of(null, null, null)), "the embedded default");
        // another database's URL never gets that far: the settings refuse it
        assertThrows(InvalidConfigurationException.class,
                () -> DatabaseSettings.of("jdbc:mysql://db/metrics", null, null));
    }
}
