package dev.servicemetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrometheusDurationTest {

    @Test
    void everyUnitOfPrometheusAndTheirSums() {
        assertEquals(Optional.of(Duration.ofMillis(250)), PrometheusDuration.parse("250ms"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), PrometheusDuration.parse(" 90s "));
        assertEquals(Optional.of(Duration.ofMinutes(90)), PrometheusDuration.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofDays(15)), PrometheusDuration.parse("2w1d"));
        assertEquals(Optional.of(Duration.ofDays(365)), PrometheusDuration.parse("1y"));
    }

    @Test
    void anythingElseIsNoDuration() {
        for (String bad : List.of("", " ", "15", "m15", "15 m", "0m", "0s0ms", "-1m", "15min", "1.5h", "99999999999999999999s", "9223372036854775807y")) {
            assertTrue(PrometheusDuration.parse(bad).isEmpty(), bad);
        }
        assertTrue(PrometheusDuration.parse(null).isEmpty());
    }
}
