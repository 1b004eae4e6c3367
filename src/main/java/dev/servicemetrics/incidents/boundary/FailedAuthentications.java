package dev.servicemetrics.incidents.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Wrong bearer tokens counted by client address, in a fixed window that starts with an address's first
 * failure: past {@code limit} failures the address is refused until its window ends. At most
 * {@value #MAX_ADDRESSES} addresses are remembered, the longest-remembered forgotten first, so that a flood of
 * addresses costs bounded memory (and at worst lets some of them guess again sooner).
 */
final class FailedAuthentications {

    static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Tally> tallies = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tally> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    FailedAuthentications(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long the address must wait before it may try again, when it used up its failures; empty otherwise. */
    synchronized Optional<Duration> blocked(String address) {
        if (limit <= 0) {
            return Optional.empty();
        }
        Tally tally = tallies.get(address);
        Instant now = clock.instant();
        if (tally == null || !now.isBefore(tally.ends())) {
            return Optional.empty();
        }
        return tally.failures() >= limit ? Optional.of(Duration.between(now, tally.ends())) : Optional.empty();
    }

    /** Counts one wrong token. */
    synchronized void failed(String address) {
        if (limit <= 0) {
            return;
        }
        Instant now = clock.instant();
        Tally tally = tallies.get(address);
        if (tally == null || !now.isBefore(tally.ends())) {
            tallies.remove(address);
            tallies.put(address, new Tally(now.plus(window), 1));
        } else {
            tallies.put(address, new Tally(tally.ends(), tally.failures() + 1));
        }
    }

    synchronized int remembered() {
        return tallies.size();
    }

    private record Tally(Instant ends, int failures) {
    }
}
