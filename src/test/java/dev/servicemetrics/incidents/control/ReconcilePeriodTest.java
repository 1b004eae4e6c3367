package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcilePeriodTest {

    @Test
    void unsetItIsThreeScrapeIntervalsButNeverUnderFifteenSeconds() {
        assertEquals(Duration.ofSeconds(30), IncidentReconciler.period(Duration.ofSeconds(10), Optional.empty()));
        assertEquals(Duration.ofSeconds(15), IncidentReconciler.period(Duration.ofSeconds(5), Optional.empty()));
        assertEquals(Duration.ofSeconds(15), IncidentReconciler.period(Duration.ofSeconds(1), Optional.empty()));
    }

    @Test
    void reconcileIntervalWhenSetWinsEvenBelowTheDerivedMinimum() {
        assertEquals(Duration.ofSeconds(2), IncidentReconciler.period(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(2))));
        assertEquals(Duration.ofMinutes(5), IncidentReconciler.period(Duration.ofSeconds(1), Optional.of(Duration.ofMinutes(5))));
    }
}
