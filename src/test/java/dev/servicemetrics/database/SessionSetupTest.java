package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionSetupTest {

    @Test
    void theProductEclipseLinkWouldHaveDetectedComesFromTheUrlsDriver() {
        assertEquals(Optional.of("PostgreSQL"), SessionSetup.productOf(Optional.of("jdbc:postgresql://db:5432/metrics")));
        assertEquals(Optional.of("H2"), SessionSetup.productOf(Optional.of("jdbc:h2:file:./data/service-metrics;MODE=PostgreSQL")));
        assertEquals(Optional.empty(), SessionSetup.productOf(Optional.of("jdbc:mysql://db/metrics")));
        assertEquals(Optional.empty(), SessionSetup.productOf(Optional.empty()));
    }
}
