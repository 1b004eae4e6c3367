package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryRequestTest {

    @Test
    void durationsInPrometheusSyntax() {
        assertEquals(Optional.of(Duration.ofMinutes(90)), HistoryRequest.duration("1h30m"));
        assertEquals(Optional.of(Duration.ofDays(14)), HistoryRequest.duration("2w"));
        assertEquals(Optional.of(Duration.ofMillis(1500)), HistoryRequest.duration(" 1s500ms "));
        for (String bad : List.of("", "15", "0m", "-1m", "1.5h", "15 m", "15min")) {
            assertEquals(Optional.empty(), HistoryRequest.duration(bad), bad);
        }
    }

    @Test
    void weeksOrYearsPastALongAreNoDurationRatherThanAFewDays() {
        // 7 × 2635249153387078803 and 365 × 50539024859478224 are 2^64 + a few: plain long arithmetic wraps round
        assertEquals(Optional.empty(), HistoryRequest.duration("2635249153387078803w"));
        assertEquals(Optional.empty(), HistoryRequest.duration("50539024859478224y"));
    }
}
