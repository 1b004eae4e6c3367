package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    private final MovableClock clock = new MovableClock();

    @Test
    void anAddressPastTheLimitWaitsUntilItsWindowEnds() {
        FailedAuthentications failures = new FailedAuthentications(3, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(failures.blocked("10.0.0.1").isEmpty(), "failure " + i + " is still allowed");
            failures.failed("10.0.0.1");
            clock.advance(Duration.ofSeconds(10));
        }
        assertEquals(Optional.of(Duration.ofSeconds(30)), failures.blocked("10.0.0.1"));
        assertTrue(failures.blocked("10.0.0.2").isEmpty(), "another address is not affected");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(failures.blocked("10.0.0.1").isEmpty(), "a new window");
        failures.failed("10.0.0.1");
        assertTrue(failures.blocked("10.0.0.1").isEmpty(), "counted afresh");
    }

    @Test
    void zeroMeansNoLimit() {
        FailedAuthentications failures = new FailedAuthentications(0, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 1000; i++) {
            failures.failed("10.0.0.1");
        }
        assertTrue(failures.blocked("10.0.0.1").isEmpty());
        assertEquals(0, failures.remembered());
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        FailedAuthentications failures = new FailedAuthentications(1, Duration.ofHours(1), clock);
        for (int i = 0; i < FailedAuthentications.MAX_ADDRESSES * 3; i++) {
            failures.failed("2001:db8::" + Integer.toHexString(i));
        }
        assertEquals(FailedAuthentications.MAX_ADDRESSES, failures.remembered());
        assertTrue(failures.blocked("2001:db8::" + Integer.toHexString(FailedAuthentications.MAX_ADDRESSES * 3 - 1)).isPresent(),
                "the latest addresses are remembered");
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-02-09T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
