package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistoryBookTest {

    @Test
    void stepIsTheIntervalUnlessTheWindowWouldHoldMoreThan500Points() {
        assertEquals(Duration.ofSeconds(10), HistoryBook.stepFor(Duration.ofMinutes(15), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(173), HistoryBook.stepFor(Duration.ofHours(24), Duration.ofSeconds(10)));
        assertEquals(Duration.ofSeconds(2), HistoryBook.stepFor(Duration.ofMinutes(5), Duration.ofSeconds(2)));
    }
}
